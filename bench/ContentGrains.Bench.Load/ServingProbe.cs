using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>
/// Whether silos that hold a memory group still serve (bench/profiles-memory.sh under a GC heap limit): feeds of the
/// group's people for a while (closed loop over every silo's API), then one more view each for some of them, with the
/// silos' collections and GC pause during the feeds and their RSS and peak RSS after. A silo whose GC ran out of room
/// answers 500s (an OutOfMemoryException) or is gone, and the probe says so.
/// </summary>
public sealed class ServingProbe(IReadOnlyList<SiloHandle> silos, IReadOnlyList<Uri> urls)
{
    private const int Clients = 8;
    private const int FeedSize = 10;

    public async Task<JsonObject> RunAsync(GrainMemoryPhase group, int people, double feedSeconds, int ingestPeople, CancellationToken cancellation)
    {
        var before = await CountersAsync(cancellation);
        using var target = new HttpFeedTarget(urls, Clients);
        var load = new FeedLoad(target, people, Clients, FeedSize, group.PersonPrefix);
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var run = await load.RunClosedAsync(feedSeconds, seed: 17, cancellation);
        var summary = LatencySummary.Of(run, wall.Elapsed.TotalSeconds);
        var after = await CountersAsync(cancellation);
        var during = after.Zip(before, (a, b) => a.Since(b)).Aggregate((a, b) => a.Plus(b));
        var posted = Math.Min(people, ingestPeople);
        var accepted = await group.PostOneMoreViewAsync(posted, cancellation);
        var feeds = summary.ToJson();
        feeds["gcPer10000Feeds"] = during.Per10000Feeds(summary.Answered);
        feeds["gcDuringFeeds"] = GrainMemoryPhase.GcJson(during);
        return new JsonObject
        {
            ["feeds"] = feeds,
            ["ingest"] = new JsonObject { ["eventsPosted"] = posted, ["eventsAccepted"] = accepted },
            ["perSilo"] = new JsonArray([.. await Task.WhenAll(silos.Select(MemoryAsync))]),
        };
    }

    private async Task<List<RuntimeCounters>> CountersAsync(CancellationToken cancellation)
    {
        var counters = new List<RuntimeCounters>();
        foreach (var silo in silos) counters.Add(RuntimeCounters.Of(await silo.Http.GetStringAsync("/metrics", cancellation)));
        return counters;
    }

    /// <summary>The silo's RSS and peak RSS now, and the GC's committed memory at its last collection (no collection induced).</summary>
    private static async Task<JsonNode> MemoryAsync(SiloHandle silo)
    {
        if (ProcessMemory.Read(silo.Pid) is not { } m) return new JsonObject { ["pid"] = silo.Pid, ["gone"] = true };
        var committed = SiloMetrics.Sum(await silo.Http.GetStringAsync("/metrics"), GrainMemoryPhase.GcCommittedMetric);
        return new JsonObject
        {
            ["pid"] = silo.Pid, ["rssMegabytes"] = Math.Round(m.Rss / 1e6, 1), ["peakRssMegabytes"] = Math.Round(m.PeakRss / 1e6, 1),
            ["gcCommittedMegabytes"] = Math.Round(committed / 1e6, 1),
        };
    }
}
