using System.Diagnostics;
using System.Text.Json;
using Cloud.Unum.USearch;
using ContentGrains.Core.Vectors;
using ContentGrains.Inference.Vectors;

// Usage: ContentGrains.Bench.Vectors [--sizes 10000,100000,1000000] [--dims 64] [--queries 1000] [--commit SHA]
//        [--out bench/results/vectors.json] [--large 1000000] [--large-connectivity 12] [--large-expansion-add 32]
//        [--ef-sweep 64,128,256] [--exact-queries N] [--recall-queries 200] [--quantized-up-to 100000] [--quantized-kernels AvxVnni,Avx2,Portable] [--feed-k 200]
//        [--clustered-up-to 1000000] [--probe-share 0.05] [--max-read-share 0.25] [--max-rows-read 10000[,20000,...]] [--clusters 100]
//        [--hnsw-up-to N]
// For each size: builds the exact index, the 8-bit scan (QuantizedVectorIndex, up to --quantized-up-to items, where the
// processor runs one of its kernels; --quantized-kernels times each listed kernel this processor runs) and the HNSW index (at --large items and above with the lower build settings and f16 storage
// that fit a 2-core machine), then times --queries single-threaded top-10 searches on each, without a filter and with
// one that passes half the items, and measures recall@10 against the exact scan; for the 8-bit scan also recall at the
// feed's top --feed-k (the person's retrieval asks for 200), plain and filtered. The clustered 8-bit index
// (ClusteredVectorIndex, up to --clustered-up-to items, reading --probe-share of the rows, no more than --max-rows-read rows;
// one row of results per limit given) and the graph report the feed's recall as well. --clusters: the topics the synthetic vectors are drawn around (more topics, less structure to exploit).
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .GroupBy(x => x.a[2..]).ToDictionary(g => g.Key, g => g.Last().i + 1 < args.Length ? args[g.Last().i + 1] : ""); // the last of a repeated option wins
var sizes = options.GetValueOrDefault("sizes", "10000,100000,1000000").Split(',').Select(int.Parse).ToArray();
var dims = int.Parse(options.GetValueOrDefault("dims", "64"));
var queryCount = int.Parse(options.GetValueOrDefault("queries", "1000"));
var large = int.Parse(options.GetValueOrDefault("large", "1000000"));
var largeHnsw = new HnswOptions
{
    Connectivity = int.Parse(options.GetValueOrDefault("large-connectivity", "12")),
    ExpansionAdd = int.Parse(options.GetValueOrDefault("large-expansion-add", "32")),
    Scalar = ScalarKind.Float16,
};
var output = options.GetValueOrDefault("out", "bench/results/vectors.json");
// Search-time expansions tried on each built graph (one row each); by default only the build's own.
var efSweep = options.TryGetValue("ef-sweep", out var sweep) ? sweep.Split(',').Select(int.Parse).ToArray() : null;
var exactQueries = int.Parse(options.GetValueOrDefault("exact-queries", queryCount.ToString()));
var recallQueries = int.Parse(options.GetValueOrDefault("recall-queries", "200"));
var quantizedUpTo = int.Parse(options.GetValueOrDefault("quantized-up-to", "100000"));
var feedK = int.Parse(options.GetValueOrDefault("feed-k", "200"));
// The 8-bit scan's kernels to time (rows "quantized" for the best this processor runs, "quantized-<Kernel>" for others).
QuantizedKernel[] quantizedKernels = options.TryGetValue("quantized-kernels", out var kernelList)
    ? [.. kernelList.Split(',').Select(Enum.Parse<QuantizedKernel>).Where(QuantizedRows.Runs)]
    : QuantizedRows.Supported ? [QuantizedRows.BestKernel] : [];
var clusteredUpTo = int.Parse(options.GetValueOrDefault("clustered-up-to", "1000000"));
var maxReadShare = double.Parse(options.GetValueOrDefault("max-read-share", ClusteredVectorIndex.DefaultMaxReadShare.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);
var probeShare = double.Parse(options.GetValueOrDefault("probe-share", ClusteredVectorIndex.DefaultProbeShare.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);
var hnswUpTo = int.Parse(options.GetValueOrDefault("hnsw-up-to", int.MaxValue.ToString())); // a 1M graph takes minutes to build here
var maxRowsReads = options.GetValueOrDefault("max-rows-read", ClusteredVectorIndex.DefaultMaxRowsRead.ToString()).Split(',').Select(int.Parse).ToArray();
var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
const int K = 10;
var Clusters = int.Parse(options.GetValueOrDefault("clusters", "100"));

var runs = new List<object>();
foreach (var n in sizes)
{
    var rows = ClusteredVectors.Generate(n, dims, Clusters, seed: 42);
    var queries = ClusteredVectors.Queries(queryCount, dims, Clusters, seed: 42);
    Func<int, bool> half = key => (key & 1) == 0;

    var (exact, exactBuild, exactBytes) = Measure(() => new ExactVectorIndex(rows, dims));
    var exactTimed = queries.AsSpan(0, Math.Min(queryCount, exactQueries) * dims).ToArray();
    runs.Add(Report(n, "exact", null, exactBuild, exactBytes, null, 1.0, Time(exact, exactTimed, null), Time(exact, exactTimed, half)));
    var recallSet = queries.AsSpan(0, Math.Min(queryCount, recallQueries) * dims).ToArray();

    foreach (var kernel in n <= quantizedUpTo ? quantizedKernels : [])
    {
        var name = kernel == QuantizedRows.BestKernel ? "quantized" : $"quantized-{kernel}";
        var (quantized, quantizedBuild, quantizedBytes) = Measure(() => QuantizedVectorIndex.TryBuild(rows, dims, kernel)!);
        var feedRecall = FeedRecall(quantized, exact, recallSet, feedK, half);
        Console.WriteLine($"{n,9:N0} {name} recall@{feedK} {feedRecall.recall:F4} (filtered {feedRecall.filtered_recall:F4})");
        runs.Add(Report(n, name, null, quantizedBuild, quantizedBytes, quantized.Bytes, IndexRecall.AtK(quantized, exact, recallSet, K),
            Time(quantized, exactTimed, null), Time(quantized, exactTimed, half), IndexRecall.AtK(quantized, exact, recallSet, K, half), feedRecall));
    }

    foreach (var maxRowsRead in n <= clusteredUpTo && QuantizedRows.Supported ? maxRowsReads : [])
    {
        var (clustered, clusteredBuild, clusteredBytes) = Measure(() => ClusteredVectorIndex.TryBuild(rows, dims, probeShare, maxReadShare, maxRowsRead)!);
        var feedRecall = FeedRecall(clustered, exact, recallSet, feedK, half);
        Console.WriteLine($"{n,9:N0} clustered ({clustered.Clusters} clusters, reads {probeShare:P0} to {maxReadShare:P0}, at most {maxRowsRead:N0} rows) recall@{feedK} {feedRecall.recall:F4} (filtered {feedRecall.filtered_recall:F4}), built in {clusteredBuild:F1} s");
        runs.Add(Report(n, FormattableString.Invariant($"clustered-rows{maxRowsRead}"), null, clusteredBuild, clusteredBytes, clustered.Bytes, IndexRecall.AtK(clustered, exact, recallSet, K),
            Time(clustered, exactTimed, null), Time(clustered, exactTimed, half), IndexRecall.AtK(clustered, exact, recallSet, K, half), feedRecall,
            Time(clustered, exactTimed, null, feedK)));
    }

    if (n > hnswUpTo) continue;
    var hnswOptions = n >= large ? largeHnsw : new HnswOptions();
    var (hnsw, hnswBuild, hnswBytes) = Measure(() => HnswVectorIndex.Build(rows, dims, hnswOptions));
    foreach (var ef in efSweep ?? [hnswOptions.ExpansionSearch])
    {
        hnsw.ChangeExpansionSearch(ef);
        var searched = hnswOptions with { ExpansionSearch = ef };
        var recall = IndexRecall.AtK(hnsw, exact, recallSet, K);
        var filteredRecall = IndexRecall.AtK(hnsw, exact, recallSet, K, half);
        var feedRecall = FeedRecall(hnsw, exact, recallSet, feedK, half);
        Console.WriteLine($"{n,9:N0} hnsw (ef {ef}) recall@{feedK} {feedRecall.recall:F4} (filtered {feedRecall.filtered_recall:F4}), built in {hnswBuild:F1} s");
        runs.Add(Report(n, "hnsw", searched, hnswBuild, hnswBytes, hnsw.MemoryBytes, recall, Time(hnsw, queries, null), Time(hnsw, queries, half), filteredRecall,
            feedRecall, Time(hnsw, exactTimed, null, feedK)));
    }
    hnsw.Dispose();
}

var result = new
{
    benchmark = "vectors",
    commit = options.GetValueOrDefault("commit", "unknown"),
    machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, 8-bit scan kernel {QuantizedRows.BestKernel}",
    loadAverageBefore = loadBefore,
    loadAverageAfter = File.ReadAllText("/proc/loadavg").Trim(),
    dimensions = dims,
    clusters = Clusters,
    queries = queryCount,
    exact_timed_queries = Math.Min(queryCount, exactQueries),
    recall_queries = Math.Min(queryCount, recallQueries),
    k = K,
    note = "query times are single-threaded top-10 searches; filtered = allow passes half the items; memory = growth of the process's resident set over the build (after a full GC), which for the exact index is its copy of the vectors; memory_usearch_bytes is the index's own count (USearch's, or the 8-bit scan's codes and per-row numbers)",
    runs,
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {output}");

static (T Index, double Seconds, long Bytes) Measure<T>(Func<T> build)
{
    var before = ResidentBytes();
    var clock = Stopwatch.StartNew();
    var index = build();
    var seconds = clock.Elapsed.TotalSeconds;
    return (index, seconds, ResidentBytes() - before);
}

static long ResidentBytes()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    using var self = Process.GetCurrentProcess();
    return self.WorkingSet64;
}

// Single-threaded searches for the top k of each query (K unless given), after a warm-up of 50.
static (double P50, double P99) Time(IVectorIndex index, float[] queries, Func<int, bool>? allow, int k = K)
{
    var d = index.Dimensions;
    var keys = new int[k];
    var scores = new float[k];
    for (var q = 0; q < Math.Min(50, queries.Length / d); q++) index.Search(queries.AsSpan(q * d, d), keys, scores, allow); // warm-up
    var micros = new List<double>();
    for (var q = 0; q < queries.Length / d; q++)
    {
        var started = Stopwatch.GetTimestamp();
        index.Search(queries.AsSpan(q * d, d), keys, scores, allow);
        micros.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
    }
    micros.Sort();
    return (ContentGrains.Bench.Percentiles.OfSorted(micros, 50), ContentGrains.Bench.Percentiles.OfSorted(micros, 99));
}

static object Report(int items, string index, HnswOptions? hnsw, double buildSeconds, long rssBytes, long? usearchBytes, double recall,
    (double P50, double P99) plain, (double P50, double P99) filtered, double? filteredRecall = null, object? feedRecall = null,
    (double P50, double P99)? feedQuery = null)
{
    Console.WriteLine($"{items,9:N0} {index,-9} build {buildSeconds,7:F2} s  rss +{rssBytes / 1e6,7:F1} MB ({rssBytes / (double)items,6:F0} B/item)  " +
        $"recall@10 {recall:F3}  p50 {plain.P50,8:F1} µs  p99 {plain.P99,8:F1} µs  filtered p50 {filtered.P50,8:F1} µs  p99 {filtered.P99,8:F1} µs");
    return new
    {
        items,
        index,
        connectivity = hnsw?.Connectivity,
        expansion_add = hnsw?.ExpansionAdd,
        expansion_search = hnsw?.ExpansionSearch,
        scalar = hnsw?.Scalar.ToString(),
        build_seconds = Math.Round(buildSeconds, 3),
        memory_rss_bytes = rssBytes,
        memory_usearch_bytes = usearchBytes,
        bytes_per_item = Math.Round(rssBytes / (double)items),
        recall_at_10 = Math.Round(recall, 4),
        filtered_recall_at_10 = filteredRecall is null ? (double?)null : Math.Round(filteredRecall.Value, 4),
        recall_at_feed_k = feedRecall,
        query_p50_us = Math.Round(plain.P50, 1),
        query_p99_us = Math.Round(plain.P99, 1),
        filtered_query_p50_us = Math.Round(filtered.P50, 1),
        filtered_query_p99_us = Math.Round(filtered.P99, 1),
        feed_k_query_p50_us = feedQuery is { } f ? Math.Round(f.P50, 1) : (double?)null,
        feed_k_query_p99_us = feedQuery is { } g ? Math.Round(g.P99, 1) : (double?)null,
    };
}

static FeedRecallAtK FeedRecall(IVectorIndex index, IVectorIndex exact, float[] recallSet, int feedK, Func<int, bool> half) =>
    new(feedK, Math.Round(IndexRecall.AtK(index, exact, recallSet, feedK), 4), Math.Round(IndexRecall.AtK(index, exact, recallSet, feedK, half), 4));

#pragma warning disable IDE1006 // the JSON's field names
internal sealed record FeedRecallAtK(int k, double recall, double filtered_recall);
