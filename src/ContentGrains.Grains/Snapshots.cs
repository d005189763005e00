namespace ContentGrains.Grains;

/// <summary>
/// Decides when a grain writes its snapshot: after <see cref="EngineOptions.SnapshotEveryEvents"/> unsaved
/// events, or on the timer, or on deactivation (both only with the timer's minimum of unsaved events). Between snapshots the event log holds what is unsaved.
/// The timer exists only while there is something to save: it is armed when the grain turns dirty and gone once the
/// write is done. A silo holds 100,000s of grains after an import; a timer each (the .NET timer queue and one tick
/// per grain per interval, forever) cost lock contention and CPU on every feed, though almost all of them had
/// nothing to write.
/// <para>
/// With a <paramref name="timerMinimum"/> above 1 (user and item grains: <see cref="EngineOptions.SnapshotTimerMinEvents"/>),
/// the timer writes only a grain with at least that many unsaved events; one with fewer waits for the count, its
/// deactivation, or a tick after its next event. Their state is the log's events alone, and the activation that follows a
/// crash reads the log after the snapshot in the same query whatever the snapshot's age, so a snapshot of a few events
/// saved that activation nothing. Measured: an import that kept 37,000 people dirty with a few events each had the timer
/// write 300-600 snapshots/s, holding SQLite's one write gate 80-94 % of the time while the log's commits waited seconds.
/// </para>
/// </summary>
public sealed class SnapshotSchedule(int everyEvents, int timerMinimum = 1)
{
    private ISnapshotTimerOwner? owner;
    private IDisposable? timer;

    public int Unsaved { get; private set; }
    public bool IsDirty => Unsaved > 0;

    /// <summary>Whether the timer's tick writes: unsaved events, at least the timer's minimum of them.</summary>
    public bool TimerWrites => IsDirty && Unsaved >= timerMinimum;

    /// <summary>Whether a snapshot timer is armed now: only while unsaved events wait for it.</summary>
    public bool TimerArmed => timer is not null;

    /// <summary>Counts applied events (arming the timer if they are the first unsaved ones); true when a snapshot is due now.</summary>
    public bool Record(int applied)
    {
        Unsaved += applied;
        ArmIfDirty();
        return Unsaved >= everyEvents;
    }

    /// <summary>Everything is saved: the timer, if armed, has nothing left to do and is released.</summary>
    public void Saved()
    {
        Unsaved = 0;
        timer?.Dispose();
        timer = null;
    }

    /// <summary>
    /// Who arms the one-shot timer (the grain itself); armed at once if already dirty (a replay). The grain, not a delegate:
    /// a closure that captured the grain, its state and the interval was 120 B more in every idle user grain (a delegate
    /// and its display class; a dotnet-gcdump diff, docs/scale.md "Idle user grain: the silo's snapshot timers").
    /// </summary>
    public void UseTimer(ISnapshotTimerOwner timerOwner)
    {
        owner = timerOwner;
        ArmIfDirty();
    }

    /// <summary>The same with a delegate, for a grain of which a silo holds few (each such grain keeps the delegate).</summary>
    public void UseTimer(Func<IDisposable> arm) => UseTimer(new DelegateTimerOwner(arm));

    /// <summary>
    /// The timer has fired and written (or failed to, or had too few events to write): it is released, and armed again
    /// only if a write is still due (a failed one); a grain below the minimum is armed again by its next event.
    /// </summary>
    public void TimerFired()
    {
        timer?.Dispose();
        timer = null;
        if (TimerWrites) ArmIfDirty();
    }

    private void ArmIfDirty()
    {
        if (IsDirty && timer is null && owner is not null) timer = owner.ArmSnapshotTimer();
    }

    private sealed class DelegateTimerOwner(Func<IDisposable> arm) : ISnapshotTimerOwner
    {
        public IDisposable ArmSnapshotTimer() => arm();
    }
}

/// <summary>A grain that arms its own one-shot snapshot timer when its <see cref="SnapshotSchedule"/> turns dirty.</summary>
public interface ISnapshotTimerOwner
{
    /// <summary>Arms the one-shot timer (a grain timer, <see cref="SnapshotGrainExtensions.RegisterSnapshotTimer{T}"/>, or the silo's, <see cref="SnapshotTimers"/>); disposing it cancels it.</summary>
    IDisposable ArmSnapshotTimer();
}

/// <summary>Writes a grain's snapshot when the schedule says so.</summary>
public static class SnapshotGrainExtensions
{
    public static async Task WriteIfDirtyAsync<T>(this IPersistentState<T> state, SnapshotSchedule schedule)
    {
        if (!schedule.IsDirty) return;
        await state.WriteStateAsync();
        schedule.Saved();
        if (state.State is ICompactState compact) compact.Compact(); // saved: the grain may now sit idle for minutes
    }

    /// <summary>
    /// A grain's deactivation writes what its timer would (<see cref="SnapshotSchedule.TimerWrites"/>): a grain below the
    /// timer's minimum of unsaved events is left to its log, as the timer leaves it, for the same reason (the next
    /// activation reads the log after the snapshot in the same query however old the snapshot). Writing them all here
    /// made Orleans' idle collection a burst of writes: ten minutes after an import, the people it touched go idle
    /// together, and each wrote a snapshot of a few events, one PostgreSQL commit apiece (SQLite batches them).
    /// </summary>
    public static Task WriteOnDeactivationAsync<T>(this IPersistentState<T> state, SnapshotSchedule schedule) =>
        schedule.TimerWrites ? state.WriteIfDirtyAsync(schedule) : Task.CompletedTask;

    /// <summary>
    /// A snapshot timer's tick, whichever timer it was (a grain timer, or the silo's <see cref="SnapshotTimers"/>): writes
    /// the snapshot when the schedule's timer writes (<see cref="SnapshotSchedule.TimerWrites"/>), otherwise gives back
    /// the idle state's spare memory as a write would, then tells the schedule it fired.
    /// </summary>
    public static async Task SnapshotTimerFiredAsync<T>(this IPersistentState<T> state, SnapshotSchedule schedule)
    {
        try
        {
            if (schedule.TimerWrites) await state.WriteIfDirtyAsync(schedule);
            else if (state.State is ICompactState compact) compact.Compact(); // unwritten, but idle from here on as well
        }
        finally { schedule.TimerFired(); }
    }

    /// <summary>Lets the schedule arm a one-shot grain timer (<see cref="RegisterSnapshotTimer{T}"/>) whenever the grain turns dirty.</summary>
    public static void StartSnapshotTimer<T>(this Grain grain, IPersistentState<T> state, SnapshotSchedule schedule, TimeSpan interval) =>
        schedule.UseTimer(() => grain.RegisterSnapshotTimer(state, schedule, interval));

    /// <summary>
    /// When a one-shot snapshot timer fires: spread over half to one and a half intervals, so that grains made dirty
    /// together (a burst of new users, an import) do not all write at the same moment.
    /// </summary>
    public static TimeSpan SpreadOver(TimeSpan interval) => interval * (0.5 + Random.Shared.NextDouble());

    /// <summary>The one-shot grain timer itself: writes the snapshot if still dirty, then tells the schedule it fired.</summary>
    public static IDisposable RegisterSnapshotTimer<T>(this Grain grain, IPersistentState<T> state, SnapshotSchedule schedule, TimeSpan interval) =>
        grain.RegisterGrainTimer(() => state.SnapshotTimerFiredAsync(schedule),
            new GrainTimerCreationOptions(SpreadOver(interval), Timeout.InfiniteTimeSpan) { Interleave = false });
}
