namespace ContentGrains.Grains;

/// <summary>
/// Runs a per-silo refresh (of the catalog copy, of the champion model) only when the last one is older than a maximum
/// age, one at a time: requests that arrive meanwhile wait for it and then use its result instead of refreshing again.
/// </summary>
public sealed class RefreshSchedule(TimeProvider clock)
{
    private readonly SemaphoreSlim running = new(1, 1);
    private DateTimeOffset refreshedAt = DateTimeOffset.MinValue;
    private int inBackground; // 1 while a refresh started by StartIfDue runs

    /// <summary>Whether a refresh with this maximum age would run now.</summary>
    public bool IsDue(TimeSpan maxAge) => clock.GetUtcNow() - refreshedAt >= maxAge;

    /// <param name="maxAge">Zero refreshes on every call.</param>
    public async ValueTask RunIfDueAsync(TimeSpan maxAge, Func<Task> refresh)
    {
        var asked = clock.GetUtcNow();
        if (asked - refreshedAt < maxAge) return;
        await running.WaitAsync();
        try
        {
            var now = clock.GetUtcNow();
            if (refreshedAt > asked || now - refreshedAt < maxAge) return; // another request refreshed it meanwhile
            await refresh();
            refreshedAt = now;
        }
        finally
        {
            running.Release();
        }
    }

    /// <summary>
    /// <see cref="RunIfDueAsync"/> for a cache that holds a copy it can keep serving: a failed refresh goes to
    /// <paramref name="failed"/> and counts as a refresh, so the next try comes <paramref name="maxAge"/> later and an
    /// outage of what the cache copies (a grain whose storage is down) costs a request nothing but that first try.
    /// </summary>
    public async ValueTask RunOrKeepAsync(TimeSpan maxAge, Func<Task> refresh, Action<Exception> failed)
    {
        try { await RunIfDueAsync(maxAge, refresh); }
        catch (Exception error)
        {
            refreshedAt = clock.GetUtcNow();
            failed(error);
        }
    }

    /// <summary>
    /// Starts <paramref name="refresh"/> off the caller's path when one is due and none started here is running, and
    /// returns at once: what a request does that must never wait for a refresh. A failure goes to
    /// <paramref name="failed"/> and counts as a refresh, as in <see cref="RunOrKeepAsync"/>, so a source that is down
    /// is asked once per <paramref name="maxAge"/>, not once per request. The delegates take <paramref name="owner"/>, so
    /// static lambdas cost no allocation on a call that starts nothing.
    /// </summary>
    public void StartIfDue<TOwner>(TimeSpan maxAge, TOwner owner, Func<TOwner, Task> refresh, Action<TOwner, Exception> failed)
    {
        if (!IsDue(maxAge) || Interlocked.CompareExchange(ref inBackground, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try { await RunOrKeepAsync(maxAge, () => refresh(owner), error => failed(owner, error)); }
            finally { Volatile.Write(ref inBackground, 0); }
        });
    }
}
