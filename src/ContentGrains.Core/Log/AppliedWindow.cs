using System.Buffers;
using ContentGrains.Core.Collections;

namespace ContentGrains.Core.Log;

/// <summary>
/// Which log sequences a grain has applied, so that every event is applied exactly once although events reach
/// a grain three ways: live from the ingest path (concurrent batches may arrive out of sequence order), again from the
/// ingest path's retries (a call the caller saw fail may have been applied: its answer was lost, or the grain's
/// snapshot write failed after it applied the events), and by the log replay that follows an activation (which may
/// overlap deliveries still in flight).
/// <para>
/// The window holds the most recent <see cref="Capacity"/> applied sequences and is stored in the snapshot.
/// Replay reads the log after <see cref="ReplayFrom"/>: every event after that point that the window does not
/// hold was never applied. A live event older than a full window is applied unless this activation applied it
/// before (the sequences it pushed out of the window, or applied below it, are remembered in memory for
/// <see cref="RedeliveryHorizon"/>: longer than the ingest path retries) or replay already read it
/// (<see cref="ReplayedUpTo"/>). Without that memory a retry reaching a busy grain after 512 newer events
/// was applied a second time (issue 9: 38 clicks counted twice in a 2-kill drill).
/// </para>
/// </summary>
public sealed class AppliedWindow
{
    public const int DefaultCapacity = 512;

    /// <summary>
    /// How long this activation remembers a sequence that left the window: the ingest path's retries (DispatchQueue:
    /// pauses of 5, 10, 20, 40 and 80 s, each after a dispatch that may itself wait for an unreachable silo) end well inside it.
    /// </summary>
    public static readonly TimeSpan RedeliveryHorizon = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Ascending. Stored in the grain's snapshot. <see cref="Compact"/> packs it (the first sequence, then each difference
    /// as a varint: 1-3 bytes a sequence where the list took 8, about 0.9 KB of a heavy person's idle grain); the next
    /// use unpacks it.
    /// </summary>
    public List<long> Sequences
    {
        get
        {
            if (sequences is null) (sequences, packed) = (Unpack(packed), null);
            return sequences;
        }
        set => (sequences, packed) = (value, null);
    }
    private List<long>? sequences = [];
    private byte[]? packed;

    /// <summary>Whether the sequences are packed now, and their bytes: for tests and measurements (a method: not stored).</summary>
    public int? PackedBytes() => sequences is null ? packed?.Length ?? 0 : null;
    public int Capacity { get; set; } = DefaultCapacity;

    /// <summary>Replay the log from (excluding) this sequence.</summary>
    public long ReplayFrom => Sequences.Count == 0 ? 0 : Sequences[0];

    /// <summary>The highest sequence the replay of the current activation read; not stored.</summary>
    public long ReplayedUpTo => replayedUpTo;
    private long replayedUpTo;

    /// <summary>Packs the sequences (the next use unpacks them): run once a snapshot is written.</summary>
    public void Compact()
    {
        if (sequences is not null) (packed, sequences) = (Pack(sequences), null);
        if (leftWindow is { Count: 0 }) (leftWindow, leftWindowSet) = (null, null);
    }

    private static byte[]? Pack(List<long> ascending)
    {
        if (ascending.Count == 0) return null;
        var output = new ArrayBufferWriter<byte>(ascending.Count * 2 + 8);
        Varints.WriteUnsigned(output, (ulong)ascending.Count);
        Varints.WriteSigned(output, ascending[0]);
        for (var i = 1; i < ascending.Count; i++) Varints.WriteUnsigned(output, (ulong)(ascending[i] - ascending[i - 1]));
        return output.WrittenSpan.ToArray();
    }

    private static List<long> Unpack(byte[]? bytes)
    {
        if (bytes is null) return [];
        var position = 0;
        var count = checked((int)Varints.ReadUnsigned(bytes, ref position));
        var list = new List<long>(count) { Varints.ReadSigned(bytes, ref position) };
        for (var i = 1; i < count; i++) list.Add(list[i - 1] + (long)Varints.ReadUnsigned(bytes, ref position));
        return list;
    }

    // Not stored: a new activation replays the log, which ReplayedUpTo then covers. Created on first use, so an idle
    // grain whose window never overflowed holds neither.
    private Queue<(long Sequence, long AtMs)>? leftWindow;
    private HashSet<long>? leftWindowSet;

    /// <summary>For an event read by replay: true when it was not applied before. Records it.</summary>
    public bool TryMarkReplayed(long sequence)
    {
        replayedUpTo = Math.Max(replayedUpTo, sequence);
        return TryInsert(sequence, Environment.TickCount64) ?? false;
    }

    /// <summary>For an event delivered live (first time or retried): true when it should be applied now. Records it.</summary>
    public bool TryMarkLive(long sequence) => TryMarkLive(sequence, Environment.TickCount64);

    /// <param name="nowMs">A monotonic clock in milliseconds (<see cref="Environment.TickCount64"/>), for <see cref="RedeliveryHorizon"/>.</param>
    public bool TryMarkLive(long sequence, long nowMs)
    {
        Forget(nowMs);
        if (TryInsert(sequence, nowMs) is { } inserted) return inserted;
        // Older than everything a full window holds: new unless this activation applied it or its replay read it.
        if (sequence <= replayedUpTo || leftWindowSet?.Contains(sequence) == true) return false;
        Remember(sequence, nowMs);
        return true;
    }

    /// <summary>For an event read by replay or delivered live: true when it should be applied now. Records it.</summary>
    public bool TryMark(long sequence, bool replay) => replay ? TryMarkReplayed(sequence) : TryMarkLive(sequence);

    /// <summary>True: inserted (apply). False: already held (skip). Null: older than a full window (caller decides).</summary>
    private bool? TryInsert(long sequence, long nowMs)
    {
        var index = Sequences.BinarySearch(sequence);
        if (index >= 0) return false;
        index = ~index;
        if (index == 0 && Sequences.Count >= Capacity) return null;
        Sequences.Insert(index, sequence);
        if (Sequences.Count > Capacity)
        {
            Remember(Sequences[0], nowMs);
            Sequences.RemoveAt(0);
        }
        return true;
    }

    private void Remember(long sequence, long nowMs)
    {
        leftWindowSet ??= [];
        leftWindow ??= new();
        if (leftWindowSet.Add(sequence)) leftWindow.Enqueue((sequence, nowMs));
    }

    private void Forget(long nowMs)
    {
        if (leftWindow is null || leftWindowSet is null) return;
        var horizon = (long)RedeliveryHorizon.TotalMilliseconds;
        while (leftWindow.TryPeek(out var oldest) && nowMs - oldest.AtMs > horizon)
            leftWindowSet.Remove(leftWindow.Dequeue().Sequence);
    }
}
