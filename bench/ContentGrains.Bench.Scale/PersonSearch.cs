using ContentGrains.Core.Diagnostics;
using ContentGrains.Core.Live;
using ContentGrains.Core.Vectors;
using ContentGrains.Inference.Vectors;

namespace ContentGrains.Bench.Scale;

/// <summary>
/// The feed's own search on the trained vectors: each person's top 200 (FeedSettings.ModelCandidates) by their user
/// vector, their history refused by the filter as the feed's pool refuses it, through the served index, the HNSW graph
/// and the clustered 8-bit index (<see cref="ClusteredVectorIndex"/>) at other row limits and shares, built from the same vectors: recall@200 against the exact
/// scan with the same filter, and thread CPU per search over people in turn (their rows come from memory, not the cache
/// of a repeated query).
/// </summary>
internal static class PersonSearch
{
    private const int K = 200;
    private const int People = 300;

    public static Dictionary<string, object> Compare(LiveModel model, SyntheticWorld world, HnswOptions hnsw)
    {
        var embedding = model.Embedding!;
        var exact = new ExactVectorIndex(embedding.ItemVectors, embedding.Dimensions);
        var random = new Random(13);
        var queries = new List<(float[] Query, HashSet<int> Seen)>();
        for (var q = 0; q < People; q++)
        {
            var history = world.FeedUserOf(random.Next(world.Users)).History.Select(model.IndexOf).Where(i => i >= 0).ToArray();
            var query = new float[embedding.Dimensions];
            embedding.UserVector(history, query);
            queries.Add((query, history.ToHashSet()));
        }
        var truth = queries.Select(q => Top(exact, q.Query, q.Seen)).ToList();
        var result = new Dictionary<string, object> { ["personSearchK"] = K, ["personSearchPeople"] = People };
        Measure("served", model.Retrieval!.Index);
        if (model.Retrieval.Index is not HnswVectorIndex)
            using (var graph = HnswVectorIndex.Build(embedding.ItemVectors, embedding.Dimensions, hnsw)) Measure("hnsw", graph);
        // The default shares under other row limits (int.MaxValue: the shares alone, as before the limit), then wider shares.
        foreach (var (share, cap, rows) in new[] { (0.05, 0.25, 5_000), (0.05, 0.25, 20_000), (0.05, 0.25, int.MaxValue), (0.1, 0.5, int.MaxValue) })
            if (ClusteredVectorIndex.TryBuild(embedding.ItemVectors, embedding.Dimensions, share, cap, rows) is { } clustered)
                Measure(FormattableString.Invariant($"clustered{share:F2}to{cap:F2}rows{(rows == int.MaxValue ? "All" : rows.ToString())}"), clustered);
        return result;

        void Measure(string name, IVectorIndex index)
        {
            var hits = 0L;
            foreach (var q in queries.Take(50)) Top(index, q.Query, q.Seen); // warm-up: compiled code, not the first calls' tiers
            var cpu = ThreadCpuClock.Microseconds();
            var found = queries.Select(q => Top(index, q.Query, q.Seen)).ToList();
            cpu = ThreadCpuClock.Microseconds() - cpu;
            for (var i = 0; i < People; i++) hits += found[i].Intersect(truth[i]).Count();
            result[$"{name}Index"] = index.GetType().Name;
            result[$"{name}RecallAt{K}"] = Math.Round((double)hits / truth.Sum(t => t.Length), 4);
            result[$"{name}CpuMicrosPerSearch"] = Math.Round(cpu / People, 1);
        }
    }

    private static int[] Top(IVectorIndex index, float[] query, HashSet<int> seen)
    {
        var (keys, scores) = (new int[K], new float[K]);
        var n = index.Search(query, keys, scores, key => !seen.Contains(key));
        return keys[..n];
    }
}
