namespace ContentGrains.Core.Log;

/// <summary>
/// Remembers the log sequences a grain applied most recently, so an event delivered twice (live and
/// again by the replay that follows an activation) is applied once, even when deliveries arrive out of
/// sequence order. Replay reads the log after <see cref="ReplayFrom"/>: every event after that point
/// that the window does not hold was never applied.
/// </summary>
public sealed class AppliedWindow
{
    public const int DefaultCapacity = 512;

    /// <summary>Ascending. Stored in the grain's snapshot.</summary>
    public List<long> Sequences { get; set; } = [];
    public int Capacity { get; set; } = DefaultCapacity;

    /// <summary>Replay the log from (excluding) this sequence.</summary>
    public long ReplayFrom => Sequences.Count == 0 ? 0 : Sequences[0];

    /// <summary>True when the event should be applied now; records it as applied.</summary>
    public bool TryMark(long sequence)
    {
        var index = Sequences.BinarySearch(sequence);
        if (index >= 0) return false;
        index = ~index;
        // Older than everything the window holds while it is full: applied long ago and forgotten.
        if (index == 0 && Sequences.Count >= Capacity) return false;
        Sequences.Insert(index, sequence);
        if (Sequences.Count > Capacity) Sequences.RemoveAt(0);
        return true;
    }
}
