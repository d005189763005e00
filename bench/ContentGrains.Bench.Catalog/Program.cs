using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Bench.Catalog;
using ContentGrains.Bench;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Diagnostics;
using ContentGrains.Core.Feed;

// Usage: ContentGrains.Bench.Catalog [--sizes 10000,100000,1000000] [--commit SHA] [--out bench/results/catalog-scale.json]
// For each size: builds a silo's catalog view from a synthetic catalog (memory per item, build time), times delta
// refreshes (1,000 popularity changes and 10 new items, then a publish), times heuristic feeds (no model) for
// synthetic people, and for comparison times what the old refresh did every second: sorting the whole catalog.
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
var sizes = options.GetValueOrDefault("sizes", "10000,100000,1000000").Split(',').Select(int.Parse).ToArray();
var output = options.GetValueOrDefault("out", "bench/results/catalog-scale.json");
var now = DateTimeOffset.UtcNow;
const int Refreshes = 60, DeltasPerRefresh = 1_000, NewPerRefresh = 10, Feeds = 3_000, Warmup = 300;

var results = new List<object>();
foreach (var size in sizes)
{
    var synthetic = new SyntheticCatalog(seed: size);
    var before = ManagedBytes();
    var buildCpu = ThreadCpuClock.Microseconds();
    var build = Stopwatch.StartNew();
    var view = new CatalogView(SyntheticCatalog.HalfLife, new CatalogViewSettings());
    for (var i = 0; i < size; i++) view.Apply(synthetic.Item(i, now));
    var snapshot = view.Publish(now);
    build.Stop();
    buildCpu = ThreadCpuClock.Microseconds() - buildCpu;
    var viewBytes = ManagedBytes() - before;

    var refresh = new List<double>();
    var refreshCpu = new List<double>();
    var count = size;
    for (var r = 0; r < Refreshes; r++)
    {
        var at = now.AddSeconds(r + 1);
        var deltas = Enumerable.Range(0, DeltasPerRefresh).Select(_ => synthetic.MoreEvents(snapshot.Entries[synthetic.Zipf(count)], at))
            .Concat(Enumerable.Range(count, NewPerRefresh).Select(i => synthetic.Item(i, at))).ToList();
        var cpu = ThreadCpuClock.Microseconds();
        var watch = Stopwatch.StartNew();
        view.ApplyAll(deltas);
        snapshot = view.Publish(at);
        refresh.Add(watch.Elapsed.TotalMilliseconds);
        refreshCpu.Add((ThreadCpuClock.Microseconds() - cpu) / 1000);
        count += NewPerRefresh;
    }

    var pipeline = new FeedPipeline(new FeedSettings());
    var feedMicros = new List<double>();
    var feedCpuMicros = new List<double>();
    for (var u = 0; u < Warmup + Feeds; u++)
    {
        var user = Person(synthetic, u, count);
        var cpu = ThreadCpuClock.Microseconds();
        var watch = Stopwatch.StartNew();
        var feed = pipeline.Build(snapshot, null, user, now, 10, u % 3 == 0 ? "web" : null);
        var micros = watch.Elapsed.TotalMicroseconds;
        var cpuMicros = ThreadCpuClock.Microseconds() - cpu;
        if (feed.Count != 10) throw new InvalidOperationException($"a feed of {feed.Count} items instead of 10");
        if (u >= Warmup) feedMicros.Add(micros);
        if (u >= Warmup) feedCpuMicros.Add(cpuMicros);
    }

    var fullSort = LegacyFullSortSeconds(snapshot, now);
    var result = new
    {
        items = size,
        buildSeconds = Math.Round(build.Elapsed.TotalSeconds, 2),
        buildCpuSeconds = Math.Round(buildCpu / 1e6, 2),
        viewMegabytes = Math.Round(viewBytes / 1048576.0, 1),
        bytesPerItem = Math.Round((double)viewBytes / size),
        refreshMs = new { deltasPerRefresh = DeltasPerRefresh, newItemsPerRefresh = NewPerRefresh, p50 = Percentile(refresh, 50), p99 = Percentile(refresh, 99), max = Math.Round(refresh.Max(), 3) },
        refreshCpuMs = new { p50 = Percentile(refreshCpu, 50), p99 = Percentile(refreshCpu, 99) },
        heuristicFeedMicros = new { feeds = Feeds, p50 = Percentile(feedMicros, 50), p95 = Percentile(feedMicros, 95), p99 = Percentile(feedMicros, 99) },
        heuristicFeedCpuMicros = new { p50 = Percentile(feedCpuMicros, 50), p95 = Percentile(feedCpuMicros, 95), p99 = Percentile(feedCpuMicros, 99) },
        oldFullRefreshSeconds = fullSort,
    };
    Console.WriteLine(JsonSerializer.Serialize(result));
    results.Add(result);
    GC.KeepAlive(view);
}

var document = new
{
    benchmark = "catalog-scale",
    commit = options.GetValueOrDefault("commit", "unknown"),
    machine = $"{Environment.ProcessorCount} cores, shared with other builds and tests; load average {LoadAverage()} at the end (wall times mostly measure waiting for a core; the *Cpu* figures are this thread's CPU time)",
    note = "figures measured with the view on one thread; managed memory of the view (GC.GetTotalMemory after a full collection) per item; refresh = apply 1,000 popularity deltas + 10 new items and publish; " +
           "feed = FeedPipeline.Build of 10 items without a model (content match, trending, fresh, ranking, MMR, exploration, reasons) for people with 5 interests and 200 consumed items; " +
           "oldFullRefreshSeconds = the sorts the previous CatalogSnapshot did on every refresh (popularity, freshness, per tag) over the whole catalog",
    sizes = results,
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {output}");

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static long ManagedBytes()
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    return GC.GetTotalMemory(forceFullCollection: true);
}

static double Percentile(List<double> values, int p) => Math.Round(ContentGrains.Bench.Percentiles.Of(values, p), 3);

static FeedUser Person(SyntheticCatalog synthetic, int u, int items)
{
    var interests = Enumerable.Range(0, 5).Select(i => KeyValuePair.Create(SyntheticCatalog.Tag(synthetic.Zipf(SyntheticCatalog.Tags)), 5.0 - i))
        .DistinctBy(kv => kv.Key).ToList();
    var consumed = Enumerable.Range(0, 200).Select(_ => SyntheticCatalog.Id(synthetic.Zipf(items))).ToHashSet(StringComparer.Ordinal);
    return new FeedUser($"user-{u}", interests, consumed, consumed.ToList());
}

/// <summary>What every refresh cost before: the full sorts of the previous CatalogSnapshot constructor.</summary>
static double LegacyFullSortSeconds(CatalogSnapshot snapshot, DateTimeOffset now)
{
    var entries = snapshot.Entries;
    var watch = Stopwatch.StartNew();
    var popularity = entries.Select(e => e.Trend.ValueAt(now, SyntheticCatalog.HalfLife)).ToArray();
    var byPopularity = Enumerable.Range(0, entries.Count).OrderByDescending(i => popularity[i]).ThenBy(i => entries[i].ItemId, StringComparer.Ordinal).ToArray();
    var byFreshness = Enumerable.Range(0, entries.Count).Where(i => entries[i].PublishedAt is not null)
        .OrderByDescending(i => entries[i].PublishedAt).ThenBy(i => entries[i].ItemId, StringComparer.Ordinal).ToArray();
    var byTag = Enumerable.Range(0, entries.Count).SelectMany(i => entries[i].Tags.Select(t => (Tag: t, Index: i)))
        .GroupBy(x => x.Tag, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(x => x.Index).OrderByDescending(i => popularity[i]).ThenBy(i => entries[i].ItemId, StringComparer.Ordinal).ToArray());
    GC.KeepAlive((byPopularity, byFreshness, byTag));
    return Math.Round(watch.Elapsed.TotalSeconds, 3);
}
