using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// The feed spread over tags until the person's tastes are clear (<see cref="Reranking.TagSpread"/>), through the whole
/// pipeline with the engine's defaults (no model, no exploration slot so the order is the ranking's). The crowd prefers
/// tag a: its items are the most popular, so without the spread a newcomer's feed is all a.
/// </summary>
public class TagSpreadFeedTests
{
    private readonly ProfileUpdater updater = new(new ProfileSettings());
    private readonly UserProfile profile = new();

    private static readonly CatalogSnapshot Catalog = Snapshot([
        .. Items("a", 4, 9), .. Items("b", 4, 3), .. Items("c", 4, 2), .. Items("d", 4, 1)]);

    private static CatalogEntry[] Items(string tag, int count, double popularity) =>
        Enumerable.Range(0, count).Select(i => Item($"{tag}{i}", popularity - i * 0.1, tags: [tag])).ToArray();

    private static IReadOnlyList<RankedItem> Feed(FeedUser user, double spreadConfidence = 1) =>
        new FeedPipeline(new FeedSettings { ExplorationSlots = 0, TagSpreadConfidence = spreadConfidence }).Build(Catalog, null, user, Now, 4, "web");

    private static string[] TagsOf(IEnumerable<RankedItem> feed) => feed.Select(f => f.ItemId[..1]).ToArray();

    private void Apply(EventType type, string item, DateTimeOffset at) =>
        updater.Apply(profile, Given.Event(type, item, at, userId: "viewer"), [item[..1]]);

    [Fact]
    public void A_newcomers_first_feed_covers_a_tag_per_slot()
    {
        var newcomer = FeedUser.Anonymous("viewer");

        Assert.Equal(["a", "b", "c", "d"], TagsOf(Feed(newcomer)));
        Assert.Equal(["a", "a", "a", "a"], TagsOf(Feed(newcomer, spreadConfidence: -1))); // switched off: the crowd's favourite
    }

    [Fact]
    public void One_click_after_many_passes_gets_its_tag_one_slot_but_a_tag_taken_twice_at_the_top_fills_the_feed()
    {
        // Feeds of b0 at the top (slot 0) passed over 9 times, then taken once: b's rate (1 + 0.15) / (9 + 3) = 0.096 is
        // above the prior's 0.05 but not by a standard deviation (0.081): not clear, so one b slot.
        var past = Now.AddDays(-2);
        for (var i = 0; i < 9; i++) Apply(EventType.Impression, "b3", past.AddMinutes(i));
        Apply(EventType.Click, "b3", past.AddMinutes(10));
        var fluke = updater.FeedUserAt("viewer", profile, Now);

        Assert.False(fluke.Response.IsClear("b", 1));
        Assert.Equal(1, TagsOf(Feed(fluke)).Count(t => t == "b"));
        Assert.Equal("b", TagsOf(Feed(fluke))[0]); // still first: its lift is the highest

        // d taken at its first two showings (top slots of two feeds): (2 + 0.15) / (2 + 3) = 0.43, spread 0.20: clear.
        Apply(EventType.Impression, "d2", past.AddHours(1));
        Apply(EventType.Click, "d2", past.AddHours(1).AddSeconds(5));
        Apply(EventType.Impression, "d3", past.AddHours(2));
        Apply(EventType.Click, "d3", past.AddHours(2).AddSeconds(5));
        var clear = updater.FeedUserAt("viewer", profile, Now);

        Assert.True(clear.Response.IsClear("d", 1));
        Assert.Equal(["d", "d", "b", "a"], TagsOf(Feed(clear)));
    }

    [Fact]
    public void A_person_with_history_and_no_impressions_keeps_the_ranking_as_it_is()
    {
        // ml-100k's case: ratings, no impressions. The spread must not move offline figures.
        var rated = new FeedUser("viewer", Interests(("a", 1)), new HashSet<string>(), ["a3"]);

        Assert.Equal(TagsOf(Feed(rated, spreadConfidence: -1)), TagsOf(Feed(rated)));
        Assert.Equal(["a", "a", "a", "a"], TagsOf(Feed(rated)));
    }
}
