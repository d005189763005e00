using ContentGrains.Core.Batching;

namespace ContentGrains.Grains;

/// <summary>
/// A batch's room in its silo's dispatch backlog (<see cref="DispatchQueue.AdmitAsync"/>), taken before the batch is
/// logged. Handed to the dispatch, it is given back when the dispatch ends; disposed before that (the log append failed,
/// nothing new to send), it is given back at once. Given back once either way.
/// </summary>
public sealed class DispatchAdmission : IDisposable
{
    private readonly AdmissionGate? gate;
    private readonly int events;
    private int state; // 0 held, 1 handed to a dispatch, 2 given back

    /// <summary>Nothing admitted (a batch without a valid event): nothing to give back.</summary>
    public static DispatchAdmission None { get; } = new(null, 0);

    internal DispatchAdmission(AdmissionGate? gate, int events) => (this.gate, this.events) = (gate, events);

    /// <summary>Gives the room back when <paramref name="dispatch"/> ends, however it ends.</summary>
    internal void GiveBackWhen(Task dispatch)
    {
        if (Interlocked.CompareExchange(ref state, 1, 0) != 0) return;
        dispatch.ContinueWith(static (_, admission) => ((DispatchAdmission)admission!).GiveBack(), this, TaskScheduler.Default);
    }

    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref state, 2, 0) == 0) gate?.Leave(events);
    }

    private void GiveBack()
    {
        if (Interlocked.Exchange(ref state, 2) == 1) gate?.Leave(events);
    }
}
