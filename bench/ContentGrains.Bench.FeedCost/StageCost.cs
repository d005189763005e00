using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Bench.FeedCost;

/// <summary>
/// Bytes allocated per feed in each stage of the feed's path, over a fixed set of feeds (people drawn by a fixed seed),
/// and a digest of those feeds (SHA-256 of each feed's person, item ids, scores and reasons), so a change meant to
/// allocate less is checked to serve the same feeds, not claimed to. Stages: the person's view of their profile
/// (<c>ProfileUpdater.FeedUserAt</c>), then <see cref="FeedPipeline.Build"/> cut at its <see cref="FeedStage"/>s: the
/// candidate pool and its sources, scoring and ranking, choosing (click model, recently shown, MMR), and the answer
/// (reasons, exploration, the list handed back).
/// </summary>
internal static class StageCost
{
    public static readonly string[] Stages = ["user", "pool", "rank", "choose", "answer"];

    /// <summary>Run after <see cref="FeedCost.Measure"/>'s warm-up (one feed per person), so lazily made state is made.</summary>
    public static Dictionary<string, object> Measure(ServingWorld world, FeedSettings settings, int feeds, int count, bool allocationTypes)
    {
        var stages = new StageAllocations();
        var pipeline = new FeedPipeline(settings, stages);
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var items = 0L;
        foreach (var person in People(world, feeds))
        {
            var userId = $"u{person}"; // a silo has the id already: not the feed's cost
            stages.Start();
            var user = world.Updater.FeedUserAt(userId, world.ProfileOf(person), ServingWorld.Now);
            stages.End(0);
            var feed = pipeline.Build(world.Catalog, world.Model, user, ServingWorld.Now, count, FeedCost.ChannelOf(person));
            stages.End(Stages.Length - 1);
            Append(digest, person, feed); // outside the marks: the next feed's Start marks again
            items += feed.Count;
        }
        var perStage = new Dictionary<string, long>();
        for (var s = 0; s < Stages.Length; s++) perStage[Stages[s]] = stages.Bytes[s] / feeds;
        perStage["total"] = stages.Bytes.Sum() / feeds;
        var result = new Dictionary<string, object>
        {
            ["feeds"] = feeds,
            ["peopleSeed"] = PeopleSeed,
            ["allocatedBytesPerFeed"] = perStage,
            ["itemsServed"] = items,
            ["feedDigest"] = Convert.ToHexStringLower(digest.GetHashAndReset()),
            ["feedDigestCovers"] = "per feed: person, then each item's id, score (round-trip) and reason, in order",
        };
        result["thawPackedProfileBytesPerFeed"] = ThawBytes(world, feeds);
        if (allocationTypes) result["allocationTypes"] = AllocationTypes(world, pipeline, feeds, count);
        return result;
    }

    /// <summary>
    /// Bytes of <see cref="FrozenProfile.Thaw()"/> per feed over the same people: what a feed adds on a silo when the
    /// person's grain holds their profile packed (an idle grain; UserState.ReadProfile thaws a copy for the feed).
    /// </summary>
    private static long ThawBytes(ServingWorld world, int feeds)
    {
        var packed = new Dictionary<int, FrozenProfile>();
        foreach (var person in People(world, feeds))
            if (!packed.ContainsKey(person)) packed[person] = FrozenProfile.Of(world.ProfileOf(person));
        var bytes = 0L;
        foreach (var person in People(world, feeds))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            packed[person].Thaw();
            bytes += GC.GetAllocatedBytesForCurrentThread() - before;
        }
        return bytes / feeds;
    }

    /// <summary>The same feeds again under the runtime's allocation ticks (one per ~100 KB allocated): which types the bytes are.</summary>
    private static object AllocationTypes(ServingWorld world, FeedPipeline pipeline, int feeds, int count)
    {
        using var sampler = new AllocationSampler();
        foreach (var person in People(world, feeds))
        {
            var user = world.Updater.FeedUserAt($"u{person}", world.ProfileOf(person), ServingWorld.Now);
            pipeline.Build(world.Catalog, world.Model, user, ServingWorld.Now, count, FeedCost.ChannelOf(person));
        }
        return sampler.Top(25, feeds);
    }

    private const int PeopleSeed = 13;

    private static IEnumerable<int> People(ServingWorld world, int feeds)
    {
        var random = new Random(PeopleSeed);
        for (var f = 0; f < feeds; f++) yield return random.Next(world.People);
    }

    private static void Append(IncrementalHash digest, int person, IReadOnlyList<RankedItem> feed)
    {
        var text = new StringBuilder().Append(person.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var item in feed)
            text.Append(item.ItemId).Append('\t').Append(item.Score.ToString("R", CultureInfo.InvariantCulture)).Append('\t').Append(item.Reason).Append('\n');
        digest.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Bytes this thread allocated between marks, summed per stage; the pipeline marks its own stages.</summary>
    private sealed class StageAllocations : IFeedStageObserver
    {
        private long mark;

        public long[] Bytes { get; } = new long[Stages.Length];

        public void Start() => mark = GC.GetAllocatedBytesForCurrentThread();

        /// <summary>Charges the bytes since the last mark to stage <paramref name="stage"/> (an index of <see cref="Stages"/>).</summary>
        public void End(int stage)
        {
            var now = GC.GetAllocatedBytesForCurrentThread();
            Bytes[stage] += now - mark;
            mark = now;
        }

        // The pipeline's stages are Stages[1..^1]: pool, rank, choose.
        public void Reached(FeedStage stage) => End(1 + (int)stage);
    }
}
