using ContentGrains.Core.Candidates;
using ContentGrains.Core.Diagnostics;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Bench.FeedCost;

/// <summary>
/// What the feed's own top-k search (the person's vector, filtered by the feed's pool) finds through the world's index,
/// against the exact answer over the same vectors: recall@k, and how many of the index's first over-fetch the filter
/// refused (the person's seen items, and items off the requested channel). Only meaningful for an approximate index.
/// </summary>
internal static class PersonSearchProbe
{
    private const int SearchRepeats = 5;

    public static Dictionary<string, object> Measure(ServingWorld world, int k, int people)
    {
        var model = world.Model;
        var retrieval = model.Retrieval!;
        var link = model.LinkTo(world.Catalog);
        var exact = new ExactVectorIndex(retrieval.Model.ItemVectors, retrieval.Model.Dimensions);
        var prefix = retrieval.Index as IRankedPrefix;
        var random = new Random(11);
        var (hits, asked, refusedTotal, refusedMax, firstRoundShort) = (0L, 0L, 0L, 0, 0);
        var searchCpu = 0.0;
        for (var p = 0; p < people; p++)
        {
            var person = random.Next(world.People);
            var user = world.Updater.FeedUserAt($"u{person}", world.ProfileOf(person), ServingWorld.Now);
            var pool = new CandidatePool(world.Catalog, user.Excluded, person % 3 == 0 ? "web" : null);
            bool Allow(int m) => link.CatalogIndexOf[m] is var entry && entry >= 0 && pool.Allows(entry);
            var query = UserVector(world, user);
            var (approximate, truth) = (new int[k], new int[k]);
            var found = retrieval.Index.Search(query, approximate, new float[k], Allow);
            // The search alone, in thread CPU: the stage this setting changes, without the rest of the feed's noise.
            var cpu = ThreadCpuClock.Microseconds();
            for (var r = 0; r < SearchRepeats; r++) retrieval.Index.Search(query, approximate, new float[k], Allow);
            searchCpu += ThreadCpuClock.Microseconds() - cpu;
            var expected = exact.Search(query, truth, new float[k], Allow);
            hits += approximate[..found].Intersect(truth[..expected]).Count();
            asked += expected;
            if (prefix is null) continue;
            var first = new int[prefix.PrefixLength(k)];
            var fetched = prefix.RankedPrefix(query, k, first, out _);
            var refused = first[..fetched].Count(m => !Allow(m));
            (refusedTotal, refusedMax) = (refusedTotal + refused, Math.Max(refusedMax, refused));
            if (fetched - refused < k) firstRoundShort++;
        }
        return new Dictionary<string, object>
        {
            ["personSearchK"] = k,
            ["personSearchCpuMicros"] = Math.Round(searchCpu / (people * SearchRepeats), 1),
            ["personSearchRecall"] = Math.Round((double)hits / Math.Max(asked, 1), 4),
            ["personSearchFirstFetch"] = prefix?.PrefixLength(k) ?? 0,
            ["personSearchRefusedInFirstFetchMean"] = Math.Round((double)refusedTotal / people, 1),
            ["personSearchRefusedInFirstFetchMax"] = refusedMax,
            ["personSearchFirstFetchShortShare"] = Math.Round((double)firstRoundShort / people, 4),
            ["personSearchPeopleProbed"] = people,
        };
    }

    /// <summary>The person's vector as the feed computes it: the mean of their history's input vectors.</summary>
    private static float[] UserVector(ServingWorld world, FeedUser user)
    {
        var indices = user.History.Select(world.Model.IndexOf).Where(m => m >= 0).ToArray();
        var vector = new float[world.Model.Retrieval!.Model.Dimensions];
        world.Model.Retrieval.Model.UserVector(indices, vector);
        return vector;
    }
}
