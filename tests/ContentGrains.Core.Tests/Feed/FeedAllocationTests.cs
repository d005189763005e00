using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// What a feed allocates on its path (the person's view and <see cref="FeedPipeline.Build"/>), and the stages the
/// pipeline tells an observer of (bench/feed-cost.sh --stages reads bytes per stage through them).
/// </summary>
public sealed class FeedAllocationTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(0, 600).Select(i => $"i{i}")];

    /// <summary>600 items in 12 tags, a quarter app-only, a spread of popularity and age.</summary>
    private static readonly Core.Catalog.CatalogSnapshot Catalog =
        Snapshot([.. Ids.Select((id, i) => Item(id, popularity: i % 37, tags: [TagOf(i)], channels: i % 4 == 1 ? ["app"] : null,
            publishedHoursAgo: i % 11, events: i % 30, title: $"Item {i}"))]);

    private static readonly Core.Live.LiveModel Model = VectorModels.Of(Ids, VectorModels.Random(600, 16, seed: 21), 16);

    private static string TagOf(int item) => $"t{item % 12}";

    /// <summary>20 views and likes in the person's two tags, then 40 impressions across all tags, the last within the hour.</summary>
    private static (ProfileUpdater Updater, UserProfile Profile) PersonWithImpressions()
    {
        var updater = new ProfileUpdater(new ProfileSettings());
        var profile = new UserProfile();
        var random = new Random(8);
        for (var e = 0; e < 20; e++)
        {
            var item = 12 * random.Next(50) + random.Next(2);
            updater.Apply(profile, Given.Event(e % 5 == 0 ? EventType.Like : EventType.View, Ids[item], Now.AddHours(-30 + e), userId: "p"), [TagOf(item)]);
        }
        for (var e = 0; e < 40; e++)
        {
            var item = random.Next(600);
            updater.Apply(profile, Given.Event(EventType.Impression, Ids[item], Now.AddHours(-20 + e / 2.0), userId: "p"), [TagOf(item)]);
        }
        return (updater, profile);
    }

    [Fact]
    public void A_feed_for_a_person_with_impressions_allocates_a_few_kilobytes_after_the_first()
    {
        var (updater, profile) = PersonWithImpressions();
        var pipeline = new FeedPipeline(new FeedSettings());
        IReadOnlyList<RankedItem> Feed() => pipeline.Build(Catalog, Model, updater.FeedUserAt("p", profile, Now), Now, 10, null);
        var first = Feed(); // the thread's reused collections grow to their working size; JIT

        var before = GC.GetAllocatedBytesForCurrentThread();
        var feed = Feed();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(feed[0].Reason.Length > 0);
        Assert.Equal(first.Select(r => (r.ItemId, r.Score, r.Reason)), feed.Select(r => (r.ItemId, r.Score, r.Reason)));
        Assert.Equal(10, feed.Count);
        Assert.True(profile.TagImpressions.Count > 0);
        // Measured 3,928 bytes (the person's view with its tag response, the answer's items and reasons). Before the cut
        // the tag response alone boxed an enumerator per pooled candidate (32 bytes each, a few hundred candidates here).
        Assert.True(allocated < 6_000, $"a feed allocated {allocated:N0} bytes");
    }

    [Fact]
    public void The_stage_observer_hears_pool_rank_and_choose_in_order_once_per_feed_and_changes_nothing()
    {
        var (updater, profile) = PersonWithImpressions();
        var heard = new List<FeedStage>();
        var observed = new FeedPipeline(new FeedSettings(), new Recorder(heard));
        var plain = new FeedPipeline(new FeedSettings());
        var user = updater.FeedUserAt("p", profile, Now);

        var feeds = new[] { observed.Build(Catalog, Model, user, Now, 10, null), observed.Build(Catalog, Model, user, Now, 10, "web") };

        Assert.Equal([FeedStage.Pooled, FeedStage.Ranked, FeedStage.Chosen, FeedStage.Pooled, FeedStage.Ranked, FeedStage.Chosen], heard);
        Assert.Equal(plain.Build(Catalog, Model, user, Now, 10, null), feeds[0]);
        Assert.Equal(plain.Build(Catalog, Model, user, Now, 10, "web"), feeds[1]);
        Assert.NotEqual(feeds[0], feeds[1]); // a quarter of the items are app-only, so the web feed differs
    }

    private sealed class Recorder(List<FeedStage> heard) : IFeedStageObserver
    {
        public void Reached(FeedStage stage) => heard.Add(stage);
    }
}
