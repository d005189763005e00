namespace ContentGrains.Core.Log;

/// <summary>
/// Which log sequences a grain has applied, so that every event is applied exactly once although events reach
/// a grain two ways: live from the ingest path (each event once, but concurrent batches may arrive out of
/// sequence order) and by the log replay that follows an activation (which may overlap deliveries still in flight).
/// <para>
/// The window holds the most recent <see cref="Capacity"/> applied sequences and is stored in the snapshot.
/// Replay reads the log after <see cref="ReplayFrom"/>: every event after that point that the window does not
/// hold was never applied. A live event older than a full window is applied, not dropped: live deliveries are
/// unique, so it can only be a duplicate when replay already read it, which <see cref="ReplayedUpTo"/> tells.
/// </para>
/// </summary>
public sealed class AppliedWindow
{
    public const int DefaultCapacity = 512;

    /// <summary>Ascending. Stored in the grain's snapshot.</summary>
    public List<long> Sequences { get; set; } = [];
    public int Capacity { get; set; } = DefaultCapacity;

    /// <summary>Replay the log from (excluding) this sequence.</summary>
    public long ReplayFrom => Sequences.Count == 0 ? 0 : Sequences[0];

    /// <summary>The highest sequence the replay of the current activation read; not stored.</summary>
    public long ReplayedUpTo => replayedUpTo;
    private long replayedUpTo;

    /// <summary>Drops the sequence list's spare slots (it grows by doubling): run once a snapshot is written.</summary>
    public void Compact()
    {
        if (Sequences.Capacity > Sequences.Count) Sequences.Capacity = Sequences.Count;
    }

    /// <summary>For an event read by replay: true when it was not applied before. Records it.</summary>
    public bool TryMarkReplayed(long sequence)
    {
        replayedUpTo = Math.Max(replayedUpTo, sequence);
        return TryInsert(sequence) ?? false;
    }

    /// <summary>For an event delivered live: true when it should be applied now. Records it.</summary>
    public bool TryMarkLive(long sequence) =>
        // Older than everything a full window holds: a late delivery of a new event, unless replay already read it.
        TryInsert(sequence) ?? sequence > replayedUpTo;

    /// <summary>For an event read by replay or delivered live: true when it should be applied now. Records it.</summary>
    public bool TryMark(long sequence, bool replay) => replay ? TryMarkReplayed(sequence) : TryMarkLive(sequence);

    /// <summary>True: inserted (apply). False: already held (skip). Null: older than a full window (caller decides).</summary>
    private bool? TryInsert(long sequence)
    {
        var index = Sequences.BinarySearch(sequence);
        if (index >= 0) return false;
        index = ~index;
        if (index == 0 && Sequences.Count >= Capacity) return null;
        Sequences.Insert(index, sequence);
        if (Sequences.Count > Capacity) Sequences.RemoveAt(0);
        return true;
    }
}
