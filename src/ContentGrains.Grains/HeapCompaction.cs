using System.Diagnostics;

namespace ContentGrains.Grains;

/// <summary>What one <see cref="HeapCompaction.GiveBackFreeMemory"/> did: the GC's committed memory before and after, and how long it took.</summary>
public sealed record HeapCompactionResult(long CommittedBytesBefore, long CommittedBytesAfter, TimeSpan Took);

/// <summary>
/// One blocking collection of every generation that compacts the large-object heap and decommits free memory
/// (<see cref="GCCollectionMode.Aggressive"/>), made before a training job. Why: an import leaves the GC holding far more
/// than it uses. At latest-small's shape (bench/silo-memory.sh) the silo's GC had 422 MB committed before training for
/// about 240 MB of heap, most of the rest free space in the large-object heap left by the import's big transient arrays,
/// and the training job (libtorch, its training set, its tensors) then added 230 MB on top: a 1,002-1,061 MB peak. The
/// GC keeps that free space for later allocations and gives it back only when it decides to; a training job is the one
/// moment the silo knows a large allocation is coming, and it is rare (one per model per retrain interval), so a pause
/// of one full compaction there is cheap next to the job itself.
/// </summary>
public static class HeapCompaction
{
    public static HeapCompactionResult GiveBackFreeMemory()
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var watch = Stopwatch.StartNew();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        watch.Stop();
        return new HeapCompactionResult(before, GC.GetGCMemoryInfo(GCKind.FullBlocking).TotalCommittedBytes, watch.Elapsed);
    }
}
