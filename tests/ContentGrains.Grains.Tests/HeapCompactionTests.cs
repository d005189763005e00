using ContentGrains.Grains;
using Xunit;

namespace ContentGrains.Grains.Tests;

/// <summary>Alone: another test class allocating at the same time would move the committed memory this test reads.</summary>
[CollectionDefinition(nameof(HeapCompactionTests), DisableParallelization = true)]
public sealed class HeapCompactionCollection;

[Collection(nameof(HeapCompactionTests))]
public sealed class HeapCompactionTests
{
    [Fact]
    public void Free_space_left_by_dead_large_arrays_is_given_back_to_the_system()
    {
        // 160 MB of large-object arrays survive a full collection (committed, as an import's transient arrays are),
        // then die: until the GC decides otherwise, it keeps their memory committed.
        var arrays = Enumerable.Range(0, 20).Select(_ => Touched(new byte[8_000_000])).ToList();
        GC.Collect();
        var heldWhileLive = GC.GetGCMemoryInfo().TotalCommittedBytes;
        arrays.Clear();

        var compaction = HeapCompaction.GiveBackFreeMemory();

        var last = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Assert.True(last.Compacted, "the collection compacted");
        Assert.True(compaction.CommittedBytesAfter <= heldWhileLive - 100_000_000,
            $"committed {heldWhileLive / 1_000_000} MB with the arrays live, {compaction.CommittedBytesAfter / 1_000_000} MB after: at least 100 of their 160 MB given back");
    }

    /// <summary>Writes every page, so the array's memory is really committed and resident.</summary>
    private static byte[] Touched(byte[] array)
    {
        for (var i = 0; i < array.Length; i += 4096) array[i] = 1;
        return array;
    }
}
