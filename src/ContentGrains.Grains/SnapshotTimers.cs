using Microsoft.Extensions.Logging;

namespace ContentGrains.Grains;

/// <summary>
/// The user and item grains' one-shot snapshot timers, kept by the silo rather than by each activation. When one fires it
/// calls the grain (<see cref="IUserSnapshotGrain"/>, <see cref="IItemSnapshotGrain"/>), an ordinary call that runs in turn with the grain's other calls, as the grain
/// timer with <c>Interleave = false</c> did.
/// <para>
/// Why not Orleans' grain timer: an activation that has once registered one keeps, for the rest of its life, its extras
/// dictionary and an empty timer set (about 320 B; a dotnet-gcdump diff, docs/scale.md "Idle user grain: the silo's snapshot
/// timers"), and a silo holds 100,000s of idle user grains and, after an import, as many item grains. A timer here holds nothing once it has fired. The call counts as activity,
/// so it delays the grain's collection by one snapshot interval at most. A timer left armed by a failed write at
/// deactivation activates the grain again, which replays the log after its snapshot and writes it.
/// </para>
/// </summary>
public sealed class SnapshotTimers(IGrainFactory grains, TimeProvider clock, ILogger<SnapshotTimers> logger)
{
    /// <summary>Arms a one-shot timer that asks grain <paramref name="key"/> of <typeparamref name="TGrain"/> to write its snapshot after <paramref name="due"/>.</summary>
    public IDisposable Arm<TGrain>(string key, TimeSpan due) where TGrain : ISnapshotWriterGrain =>
        clock.CreateTimer(static pending => ((Pending<TGrain>)pending!).Fire(), new Pending<TGrain>(this, key), due, Timeout.InfiniteTimeSpan);

    private sealed class Pending<TGrain>(SnapshotTimers timers, string key) where TGrain : ISnapshotWriterGrain
    {
        public void Fire() => _ = timers.CallAsync<TGrain>(key);
    }

    private async Task CallAsync<TGrain>(string key) where TGrain : ISnapshotWriterGrain
    {
        try { await grains.GetGrain<TGrain>(key).WriteSnapshotIfDirtyAsync(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The grain's events stay in the log; its next event, timer or deactivation writes the snapshot.
            logger.LogWarning(e, "the snapshot timer's call to {Grain} {Key} failed", typeof(TGrain).Name, key);
        }
    }
}
