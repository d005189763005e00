using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContentGrains.Bench;
using ContentGrains.Bench.FeedCost;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Vectors;
using ContentGrains.Inference.Vectors;

// Usage: ContentGrains.Bench.FeedCost [--sizes 10000,100000,1000000] [--people 20000] [--events-per-person 20]
//        [--dimensions 64] [--feeds 4000] [--count 10] [--model-candidates 200] [--first-fetch 1.25,2] [--probe-people 300]
//        [--large-index clustered|hnsw] [--probe-share 0.05] [--max-read-share 0.25] [--hnsw-scalar Float32|Float16] [--hnsw-connectivity 16] [--impressions-per-person 0] [--section-tags 0] [--stages] [--stage-feeds 3000] [--allocation-types] [--commit SHA] [--out bench/results/feed-cost.json]
// --impressions-per-person: each person was also shown N items (ServingWorld): their feeds then use their tag response
// and the recently shown, as on a platform that logs impressions. 0 keeps the world of the earlier runs.
// --stages: after the timed feeds, bytes allocated per feed in each stage (StageCost: user, pool, rank, choose, answer)
// over --stage-feeds feeds for people drawn by a fixed seed, and a digest of those feeds (ids, scores, reasons) to check
// that a change serves the same feeds. --allocation-types: those feeds again under the runtime's allocation ticks, top
// types by sampled bytes.
// --model-candidates: FeedSettings.ModelCandidates (the person's top items from the index).
// --section-tags N: every feed is a section feed (?tags=) of N topic tags, each 1 % of the catalog (ItemFilter).
// --first-fetch: HnswOptions.FilteredFirstFetch values measured one after the other on the same HNSW world (a run
// each), with the person's search's recall against the exact scan over --probe-people people.
// --large-index: the index from 20,000 items (the clustered 8-bit index by default, or the HNSW graph), with
// ClusteredIndexOptions' --probe-share, --max-read-share and --max-rows-read, or HnswOptions' --hnsw-scalar and --hnsw-connectivity.
// Per catalog size: a ServingWorld (catalog view, embedding model with the host's index, profiles), then feeds for
// random people on one thread, each ProfileUpdater.FeedUserAt + FeedPipeline.Build with the default FeedSettings (what
// UserGrain does per feed, without Orleans and HTTP). Reports thread CPU per feed (far steadier than wall time on a
// shared machine), wall time and bytes allocated per feed. The goal: flat across sizes.
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .GroupBy(x => x.a[2..]).ToDictionary(g => g.Key, g => g.Last().i + 1 < args.Length ? args[g.Last().i + 1] : "");
int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var sizes = options.GetValueOrDefault("sizes", "10000,100000").Split(',').Select(int.Parse).ToArray();
var (people, events, dimensions, feeds, count) = (Int("people", 20_000), Int("events-per-person", 20), Int("dimensions", 64), Int("feeds", 4_000), Int("count", 10));
var output = options.GetValueOrDefault("out", "bench/results/feed-cost.json");
var hnswOptions = new HnswOptions
{
    Scalar = Enum.Parse<Cloud.Unum.USearch.ScalarKind>(options.GetValueOrDefault("hnsw-scalar", nameof(Cloud.Unum.USearch.ScalarKind.Float32)), ignoreCase: true),
    Connectivity = Int("hnsw-connectivity", new HnswOptions().Connectivity),
};
var clusteredOptions = new ClusteredIndexOptions
{
    Enabled = options.GetValueOrDefault("large-index", "clustered") != "hnsw",
    ProbeShare = options.TryGetValue("probe-share", out var share) ? double.Parse(share, CultureInfo.InvariantCulture) : new ClusteredIndexOptions().ProbeShare,
    MaxReadShare = options.TryGetValue("max-read-share", out var cap) ? double.Parse(cap, CultureInfo.InvariantCulture) : new ClusteredIndexOptions().MaxReadShare,
    MaxRowsRead = Int("max-rows-read", new ClusteredIndexOptions().MaxRowsRead),
};
var factory = new VectorIndexFactory(hnswOptions, clusteredOptions);
var feedSettings = new FeedSettings { ModelCandidates = Int("model-candidates", new FeedSettings().ModelCandidates) };
var firstFetches = options.TryGetValue("first-fetch", out var fetches)
    ? fetches.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()
    : [new HnswOptions().FilteredFirstFetch];
var probePeople = Int("probe-people", 300);
var impressions = Int("impressions-per-person", 0);
var stageFeeds = options.ContainsKey("stages") ? Int("stage-feeds", 3_000) : 0;
var sectionTags = Int("section-tags", 0);

var runs = new List<Dictionary<string, object?>>();
foreach (var size in sizes)
{
    var build = Stopwatch.StartNew();
    var world = new ServingWorld(size, people, events, dimensions, factory, impressionsPerPerson: impressions);
    var buildSeconds = Math.Round(build.Elapsed.TotalSeconds, 1);
    var hnsw = world.Model.Retrieval!.Index as HnswVectorIndex;
    foreach (var firstFetch in hnsw is null ? firstFetches.Take(1) : firstFetches)
    {
        hnsw?.ChangeFilteredFirstFetch(firstFetch);
        var run = new Dictionary<string, object?>
        {
            ["items"] = size, ["people"] = people, ["eventsPerPerson"] = events, ["impressionsPerPerson"] = impressions, ["dimensions"] = dimensions,
            ["index"] = world.Model.Retrieval.Index.GetType().Name, ["modelCandidates"] = feedSettings.ModelCandidates,
            ["sectionTags"] = sectionTags, ["filteredFirstFetch"] = hnsw is null ? null : firstFetch, ["hnsw"] = hnsw is null ? null : $"{hnsw.Scalar}, M {hnswOptions.Connectivity}", ["worldBuildSeconds"] = buildSeconds, ["loadAverageBefore"] = LoadAverage(),
        };
        foreach (var (key, value) in FeedCost.Measure(world, new FeedPipeline(feedSettings), feeds, count, sectionTags)) run[key] = value;
        run["neighbourListsKept"] = world.Model.Retrieval.Neighbours.Kept;
        if (stageFeeds > 0) run["stages"] = StageCost.Measure(world, feedSettings, stageFeeds, count, options.ContainsKey("allocation-types"));
        if (world.Model.Retrieval.Index is HnswVectorIndex or ClusteredVectorIndex && probePeople > 0)
            foreach (var (key, value) in PersonSearchProbe.Measure(world, feedSettings.ModelCandidates, probePeople)) run[key] = value;
        run["loadAverage"] = LoadAverage();
        Console.WriteLine(JsonSerializer.Serialize(run));
        runs.Add(run);
    }
    world = null!;
    GC.Collect();
}

var document = new
{
    benchmark = "feed-cost: CPU per feed against catalog size (ProfileUpdater.FeedUserAt + FeedPipeline.Build, one thread, no Orleans, no HTTP)",
    commit = options.GetValueOrDefault("commit", "unknown"),
    machine = $"{Environment.ProcessorCount} cores shared with other builds and tests; CPU figures are this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), wall times wait for a core; 8-bit scan kernel {QuantizedRows.BestKernel}",
    setup = $"embedding model with random topic-clustered vectors (100 topics), index from VectorIndexFactory (exact below {VectorIndexFactory.DefaultExactBelowItems:N0} items, HNSW above), " +
            $"catalog view with default bounds, {people:N0} people with {events} views/likes inside one topic each and {impressions} impressions (half in that topic), feeds of {count} for random people, default FeedSettings",
    runs,
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {output}");

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
