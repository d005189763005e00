namespace ContentGrains.Grains;

/// <summary>
/// Decides when a grain writes its snapshot: after <see cref="EngineOptions.SnapshotEveryEvents"/> unsaved
/// events, or on the timer, or on deactivation. Between snapshots the event log holds what is unsaved.
/// </summary>
public sealed class SnapshotSchedule(int everyEvents)
{
    public int Unsaved { get; private set; }
    public bool IsDirty => Unsaved > 0;

    /// <summary>Counts applied events; true when a snapshot is due now.</summary>
    public bool Record(int applied)
    {
        Unsaved += applied;
        return Unsaved >= everyEvents;
    }

    public void Saved() => Unsaved = 0;
}

/// <summary>Writes a grain's snapshot when the schedule says so.</summary>
public static class SnapshotGrainExtensions
{
    public static async Task WriteIfDirtyAsync<T>(this IPersistentState<T> state, SnapshotSchedule schedule)
    {
        if (!schedule.IsDirty) return;
        await state.WriteStateAsync();
        schedule.Saved();
    }

    /// <summary>
    /// Registers the periodic snapshot timer of a grain. The first tick is spread over half to one and a half
    /// intervals: grains activated together (a burst of new users) must not all write at the same moment.
    /// </summary>
    public static void StartSnapshotTimer<T>(this Grain grain, IPersistentState<T> state, SnapshotSchedule schedule, TimeSpan interval) =>
        grain.RegisterGrainTimer(() => state.WriteIfDirtyAsync(schedule),
            new GrainTimerCreationOptions(interval * (0.5 + Random.Shared.NextDouble()), interval) { Interleave = false });
}
