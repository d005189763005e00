using System.Diagnostics;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
using ContentGrains.Core.Vectors;
using ContentGrains.Inference.Vectors;

namespace ContentGrains.Bench.Scale;

/// <summary>
/// The serving half of the bench, run in its own process so its memory is a silo's, not the trainer's: loads the
/// artifact as a silo does (ArtifactValidator, then the vector index), measures the process's resident set and managed
/// bytes with only the served model and its index in memory, then times feeds through FeedPipeline on one thread and
/// measures the index's recall@10 against the exact scan on real user vectors.
/// </summary>
internal static class ServedModelProbe
{
    public static Dictionary<string, object> Run(string artifactPath, ModelVersion record, SyntheticWorldShape shape, HnswOptions hnsw, ClusteredIndexOptions clustered, int feeds)
    {
        var result = new Dictionary<string, object>();
        var clock = Stopwatch.StartNew();
        var check = ArtifactValidator.Validate(record.Name, record.Version, record, File.ReadAllBytes(artifactPath));
        var model = check.Model ?? throw new InvalidOperationException(check.Problem);
        result["loadAndValidateSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        clock.Restart();
        model.AttachRetrieval(ItemRetrieval.Build(model.Embedding!, new VectorIndexFactory(hnsw, clustered)));
        result["indexBuildSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        result["index"] = model.Retrieval!.Index.GetType().Name;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        result["servingManagedMegabytes"] = Math.Round(GC.GetTotalMemory(true) / 1e6, 1);
        result["servingProcessRssMegabytes"] = Math.Round(Environment.WorkingSet / 1e6, 1);
        if (model.Retrieval.Index is HnswVectorIndex graph) result["hnswMemoryMegabytes"] = Math.Round(graph.MemoryBytes / 1e6, 1);

        var world = new SyntheticWorld(shape.Items, shape.Users, shape.EventsPerUser);
        var catalog = world.Catalog();
        var pipeline = new FeedPipeline(new FeedSettings());
        var random = new Random(7);
        for (var w = 0; w < 50; w++) pipeline.Build(catalog, model, world.FeedUserOf(w % world.Users), SyntheticWorld.Start, 20, null);
        var times = new double[feeds];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var f = 0; f < feeds; f++)
        {
            var user = world.FeedUserOf(random.Next(world.Users));
            var t = Stopwatch.GetTimestamp();
            pipeline.Build(catalog, model, user, SyntheticWorld.Start, 20, null);
            times[f] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        result["allocatedBytesPerFeed"] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / feeds;
        Array.Sort(times);
        result["feedP50Ms"] = Math.Round(ContentGrains.Bench.Percentiles.OfSorted(times, 50), 3);
        result["feedP99Ms"] = Math.Round(ContentGrains.Bench.Percentiles.OfSorted(times, 99), 3);
        result["processRssAfterFeedsMegabytes"] = Math.Round(Environment.WorkingSet / 1e6, 1);
        result["recallAt10"] = Math.Round(RecallAt10(model, world, 200), 4);
        foreach (var (key, value) in PersonSearch.Compare(model, world, hnsw)) result[key] = value;
        if (model.Retrieval.Index is HnswVectorIndex searched)
            foreach (var ef in new[] { 128, 256 }.Where(ef => ef > hnsw.ExpansionSearch))
            {
                // ef changes the search only, not the graph: the same index, a wider walk.
                searched.ChangeExpansionSearch(ef);
                result[$"recallAt10Ef{ef}"] = Math.Round(RecallAt10(model, world, 200), 4);
            }
        return result;
    }

    /// <summary>Mean share of the exact top 10 that the served index returns, for the user vectors of random people.</summary>
    private static double RecallAt10(LiveModel model, SyntheticWorld world, int queries)
    {
        var embedding = model.Embedding!;
        var exact = new ExactVectorIndex(embedding.ItemVectors, embedding.Dimensions);
        var random = new Random(11);
        var query = new float[embedding.Dimensions];
        var (found, truth, scores) = (new int[10], new int[10], new float[10]);
        var hits = 0;
        for (var q = 0; q < queries; q++)
        {
            var history = world.FeedUserOf(random.Next(world.Users)).History.Select(model.IndexOf).Where(i => i >= 0).ToArray();
            embedding.UserVector(history, query);
            var n = model.Retrieval!.Index.Search(query, found, scores);
            exact.Search(query, truth, scores);
            hits += found.AsSpan(0, n).ToArray().Intersect(truth).Count();
        }
        return hits / (10.0 * queries);
    }
}

/// <summary>What rebuilds a <see cref="SyntheticWorld"/> in another process.</summary>
internal sealed record SyntheticWorldShape(int Items, int Users, int EventsPerUser);
