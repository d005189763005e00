using ContentGrains.Bench;
using ContentGrains.Bench.Load;
using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// bench/load's reading of a silo's allocations and collections from its runtime's GC events (the /metrics counter can
/// stand still under DATAS: <see cref="GcEventSession"/>). Read here from this test process itself; other tests running
/// beside it allocate too, so the checks are lower bounds.
/// </summary>
public sealed class GcEventSessionTests
{
    [Fact]
    public async Task A_session_counts_the_bytes_allocated_the_collections_and_what_survived_gen0()
    {
        var session = GcEventSession.TryStart(Environment.ProcessId);
        Assert.NotNull(session);
        const int arrays = 8_000, size = 8_192; // 64 MB in small-object arrays
        var kept = new List<byte[]>();
        for (var i = 0; i < arrays; i++)
        {
            var array = new byte[size];
            if (i % 8 == 0) kept.Add(array); // 8 MB stays reachable through the collections below
        }
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);

        var totals = await session.StopAsync(CancellationToken.None);

        GC.KeepAlive(kept);
        // The ticks miss under ~100 KB a heap (allocated since each heap's last tick).
        Assert.True(totals.AllocatedBytes >= (long)arrays * size - 1_000_000, $"allocated {totals.AllocatedBytes:N0} bytes");
        Assert.True(totals.Gen0 + totals.Gen1 + totals.Gen2 >= 2, $"collections {totals.Gen0}/{totals.Gen1}/{totals.Gen2}");
        Assert.True(totals.Gen1 + totals.Gen2 >= 1, $"collections {totals.Gen0}/{totals.Gen1}/{totals.Gen2}");
        Assert.True(totals.SurvivedGen0Bytes >= arrays / 8 * size, $"survived gen0: {totals.SurvivedGen0Bytes:N0} bytes");
        // Each blocking collection is a pause with its mark phase by root kind; the kept 8 MB were promoted from some root.
        Assert.True(totals.Pauses.Count >= 2, $"pauses {totals.Pauses.Count}");
        Assert.True(totals.Pauses.MaxMs > 0 && totals.Pauses.TotalMs >= totals.Pauses.MaxMs, $"pauses {totals.Pauses.TotalMs} ms, longest {totals.Pauses.MaxMs} ms");
        Assert.NotEmpty(totals.Pauses.MarkMsByRoot);
        Assert.True(totals.Pauses.PromotedBytesByRoot.Values.Sum() >= arrays / 8 * size, $"promoted {totals.Pauses.PromotedBytesByRoot.Values.Sum():N0} bytes");
    }

    [Fact]
    public async Task Each_session_reads_its_stream_on_a_thread_of_its_own_not_the_thread_pools()
    {
        // Two sessions, as on the two-silo cluster: on pool threads they held a 2-core machine's minimum of two threads
        // for the whole run, and the open-loop clients stalled 0.6-2 s at a time waiting for the pool to grow.
        var sessions = new[] { GcEventSession.TryStart(Environment.ProcessId), GcEventSession.TryStart(Environment.ProcessId) };
        try
        {
            foreach (var session in sessions)
            {
                Assert.NotNull(session);
                Assert.False(await Eventually.Get(() => Task.FromResult(session.ReadOnThreadPool), read => read is not null, "the session's reader started"));
            }
        }
        finally
        {
            foreach (var session in sessions) if (session is not null) await session.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Pause_phases_are_timed_per_heap_and_a_collection_counts_its_slowest_heap()
    {
        var recorder = new GcPauseRecorder();
        recorder.SuspendStarted(100);
        recorder.SuspendEnded(101);
        recorder.CollectionStarted(101, background: false);
        recorder.Marked(103, heap: 0, type: 0, bytes: 1_000); // heap 0: stacks 2 ms, then cards 10 ms
        recorder.Marked(113, heap: 0, type: 3, bytes: 50_000);
        recorder.Marked(102, heap: 1, type: 0, bytes: 500);   // heap 1: stacks 1 ms, then cards 4 ms
        recorder.Marked(106, heap: 1, type: 3, bytes: 20_000);
        recorder.CollectionEnded(120);                         // 7 ms after the last mark of the slowest heap
        recorder.Restarted(121);
        recorder.CollectionStarted(130, background: true);     // marks while the program runs: not pause
        recorder.Marked(170, heap: 0, type: 3, bytes: 9_000);
        recorder.CollectionEnded(200);

        var totals = recorder.Totals();

        Assert.Equal(1, totals.Count);
        Assert.Equal(21, totals.TotalMs, 6);
        Assert.Equal(1, totals.SuspendMs, 6);
        Assert.Equal(2, totals.MarkMsByRoot[GcPauseTotals.RootName(0)], 6);
        Assert.Equal(10, totals.MarkMsByRoot[GcPauseTotals.RootName(3)], 6);
        Assert.Equal(7, totals.AfterMarkMs, 6);
        Assert.Equal(70_000, totals.PromotedBytesByRoot[GcPauseTotals.RootName(3)]);
    }

    [Fact]
    public void Allocations_per_feed_come_from_the_gc_events_and_the_metrics_reading_is_kept_beside_them()
    {
        var start = new SiloWatch.Reading(10, new RuntimeCounters(5_000_000, 10, 2, 0, 0.1), TextVectorCounters.Zero);
        // The /metrics counter stood still (DATAS took a heap away): it reads no allocation at all.
        var end = new SiloWatch.Reading(12, new RuntimeCounters(5_000_000, 14, 3, 0, 0.2), TextVectorCounters.Zero);
        var events = new GcEventTotals(AllocatedBytes: 60_000_000, Gen0: 4, Gen1: 1, Gen2: 0, SurvivedGen0Bytes: 2_000_000, SurvivedGen1Bytes: 500_000, GcPauseTotals.Zero);

        var watched = SiloWatch.Between(start, end, events, answered: 1_000);
        var withoutEvents = SiloWatch.Between(start, end, null, answered: 1_000);

        Assert.Equal(60_000, (double)watched["allocatedBytesPerFeed"]!);
        Assert.Equal(0, (double)watched["allocatedBytesPerFeedFromMetrics"]!);
        Assert.Equal(2_000, (double)watched["gcEvents"]!["survivedGen0BytesPerFeed"]!);
        Assert.Equal(10, (double)watched["gcEvents"]!["gen1Per10000Feeds"]!);
        Assert.Equal(2, (double)watched["cpuMsPerFeed"]!);
        Assert.Equal(0, (double)withoutEvents["allocatedBytesPerFeed"]!);
        Assert.Null(withoutEvents["gcEvents"]);
    }
}
