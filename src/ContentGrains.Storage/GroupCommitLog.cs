using ContentGrains.Core.Batching;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;

namespace ContentGrains.Storage;

/// <summary>
/// Group commit for an event log: appends from concurrent callers queue up, and one writer commits
/// everything waiting in a single transaction, so many small requests share one durable write.
/// Subclasses supply the transaction (<see cref="CommitAsync"/>) and the reads.
/// </summary>
public abstract class GroupCommitLog : IEventLog, IAsyncDisposable
{
    private readonly int maxEventsPerCommit;
    private CoalescingQueue<IReadOnlyList<Interaction>, long[]>? queue;

    protected GroupCommitLog(int maxEventsPerCommit = 20_000) => this.maxEventsPerCommit = maxEventsPerCommit;

    /// <summary>Starts the writer loop; call once, after the schema exists.</summary>
    protected void StartWriter() => queue = new(CommitGroupAsync, events => events.Count, maxEventsPerCommit);

    public Task<long[]> AppendAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation = default)
    {
        if (events.Count == 0) return Task.FromResult(Array.Empty<long>());
        return (queue ?? throw new InvalidOperationException("the writer is not started")).EnqueueAsync(events);
    }

    /// <summary>
    /// Stores the events whose ids are new, in one transaction, and returns per event its sequence or 0 for
    /// a duplicate. The events come already free of duplicate ids within the call.
    /// </summary>
    protected abstract Task<long[]> CommitAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation);

    public abstract Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default);
    /// <summary>A log that keeps consent (the stores' cg_consent) reads it with the events; this base reads the events alone.</summary>
    public virtual async Task<UserActivationRead> ReadUserActivationAsync(string userId, long afterSequence, CancellationToken cancellation = default) =>
        UserActivationRead.EventsOnly(await ReadUserAsync(userId, afterSequence, cancellation).ConfigureAwait(false));
    public abstract Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default);
    public abstract Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default);
    public abstract Task<long> CountAsync(CancellationToken cancellation = default);
    public abstract Task<IReadOnlyList<LoggedInteraction>> ReadRecentAsync(IReadOnlyList<string> eventIds, DateTimeOffset receivedSince, CancellationToken cancellation = default);
    /// <summary>The tenant's rows filtered in the query (Core.Log.TenantRows), so only they leave the database.</summary>
    public abstract Task<IReadOnlyList<LoggedInteraction>> ReadTenantAsync(string tenant, long afterSequence, int limit, CancellationToken cancellation = default);
    public abstract Task<long> CountTenantAsync(string tenant, long afterSequence, CancellationToken cancellation = default);

    private async Task<IReadOnlyList<long[]>> CommitGroupAsync(IReadOnlyList<IReadOnlyList<Interaction>> group)
    {
        // Flatten, keeping only the first occurrence of each id; later copies answer 0 (duplicate).
        var unique = new List<Interaction>();
        var slot = new HashSet<string>(StringComparer.Ordinal);
        var positions = group.Select(events => new int[events.Count]).ToArray();
        for (var g = 0; g < group.Count; g++)
            for (var i = 0; i < group[g].Count; i++)
            {
                var e = group[g][i];
                if (!slot.Add(e.EventId)) { positions[g][i] = -1; continue; }
                positions[g][i] = unique.Count;
                unique.Add(e);
            }
        var sequences = await CommitAsync(unique, CancellationToken.None).ConfigureAwait(false);
        return positions.Select(p => p.Select(index => index < 0 ? 0 : sequences[index]).ToArray()).ToList();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (queue is not null) await queue.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
