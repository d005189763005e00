using System.Diagnostics;
using ContentGrains.Core.Candidates;
using ContentGrains.Core.Diagnostics;
using ContentGrains.Core.Feed;

namespace ContentGrains.Bench.FeedCost;

/// <summary>Times feeds for random people of a world: thread CPU, wall time and allocation per feed.</summary>
internal static class FeedCost
{
    /// <param name="sectionTags">When above 0, every feed is a section (<see cref="ItemFilter"/>) of this many topic tags
    /// (each topic is 1 % of the catalog), chosen per person: the cost of a section feed against catalog size.</param>
    public static Dictionary<string, object> Measure(ServingWorld world, FeedPipeline pipeline, int feeds, int count, int sectionTags = 0)
    {
        var random = new Random(7);
        // Warm-up, one feed per person: JIT, pools, the model-catalog link, and the neighbour lists of everyone's recent
        // items, as on a silo that has served its audience for a while (a list is made on an item's first ask).
        for (var person = 0; person < world.People; person++) One(world, pipeline, person, count, sectionTags);
        // FEEDCOST_READY_FILE: touched (with the catalog size in its name) when the measured feeds start, so that
        // bench/feed-cost.sh can attach a profiler to them and not to the world's build or the warm-up.
        if (Environment.GetEnvironmentVariable("FEEDCOST_READY_FILE") is { Length: > 0 } ready)
            File.WriteAllText($"{ready}.{world.Catalog.Entries.Count}", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var wall = new double[feeds];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var paused = GC.GetTotalPauseDuration();
        var totalCpu = ThreadCpuClock.Microseconds();
        for (var f = 0; f < feeds; f++)
        {
            var person = random.Next(world.People);
            // Thread CPU is read around the whole run only: reading it is a system call, a tenth of a feed's cost.
            var t = Stopwatch.GetTimestamp();
            var feed = One(world, pipeline, person, count, sectionTags);
            wall[f] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
            if (feed.Count != count) throw new InvalidOperationException($"a feed of {feed.Count} items instead of {count}");
        }
        totalCpu = ThreadCpuClock.Microseconds() - totalCpu;
        return new Dictionary<string, object>
        {
            ["feeds"] = feeds,
            ["cpuMicrosPerFeedMean"] = Math.Round(totalCpu / feeds, 1),
            ["wallMicrosPerFeedP50"] = Math.Round(Percentiles.Of(wall, 50), 1),
            ["wallMicrosPerFeedP99"] = Math.Round(Percentiles.Of(wall, 99), 1),
            ["allocatedBytesPerFeed"] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / feeds,
            ["gen0CollectionsPer1000Feeds"] = Math.Round((GC.CollectionCount(0) - collections[0]) * 1000.0 / feeds, 2),
            // Per 10,000 feeds, as the HTTP benches report them (bench/Shared/RuntimeCounters): gen0/gen1/gen2 and the pause.
            ["gcPer10000Feeds"] = new Dictionary<string, double>
            {
                ["gen0"] = Math.Round((GC.CollectionCount(0) - collections[0]) * 10_000.0 / feeds, 1),
                ["gen1"] = Math.Round((GC.CollectionCount(1) - collections[1]) * 10_000.0 / feeds, 1),
                ["gen2"] = Math.Round((GC.CollectionCount(2) - collections[2]) * 10_000.0 / feeds, 1),
                ["pauseMs"] = Math.Round((GC.GetTotalPauseDuration() - paused).TotalMilliseconds * 10_000.0 / feeds, 1),
            },
            ["heapBytesAfter"] = GC.GetTotalMemory(forceFullCollection: false),
        };
    }

    private static IReadOnlyList<RankedItem> One(ServingWorld world, FeedPipeline pipeline, int person, int count, int sectionTags)
    {
        var user = world.Updater.FeedUserAt($"u{person}", world.ProfileOf(person), ServingWorld.Now);
        return pipeline.Build(world.Catalog, world.Model, user, ServingWorld.Now, count, ChannelOf(person), filter: SectionOf(person, sectionTags));
    }

    /// <summary>A person's section: <paramref name="tags"/> topics drawn from their id (mostly not the topic they read).</summary>
    private static ItemFilter? SectionOf(int person, int tags) => tags <= 0 ? null
        : ItemFilter.Of([.. Enumerable.Range(0, tags).Select(t => $"topic{(person * 7 + t * 13) % ServingWorld.Topics}")], null, null);

    /// <summary>The channel a person's feeds ask for: a third of the people ask for "web" (three items in ten are web-only).</summary>
    public static string? ChannelOf(int person) => person % 3 == 0 ? "web" : null;
}
