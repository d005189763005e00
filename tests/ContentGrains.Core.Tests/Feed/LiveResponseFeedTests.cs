using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// The live profile reaching the very next feed, with the engine's default feed settings (no model, no exploration
/// slot so the order is the ranking's): events go through <see cref="ProfileUpdater"/> exactly as the user grain applies them.
/// </summary>
public class LiveResponseFeedTests
{
    private readonly ProfileUpdater updater = new(new ProfileSettings());
    private readonly UserProfile profile = new();
    private readonly FeedPipeline pipeline = new(new FeedSettings { ExplorationSlots = 0 });

    private static string[] Tagged(string tag, int count) => Enumerable.Range(0, count).Select(i => $"{tag}{i}").ToArray();

    private static CatalogEntry[] Items(string tag, int count, double popularity) =>
        Tagged(tag, count).Select(id => Item(id, popularity, tags: [tag])).ToArray();

    private void Apply(EventType type, string item, DateTimeOffset at, double dwell = 0) =>
        updater.Apply(profile, Given.Event(type, item, at, dwell, userId: "viewer"), [item.TrimEnd("0123456789".ToCharArray())]);

    private IReadOnlyList<RankedItem> Feed(CatalogSnapshot catalog, DateTimeOffset at, int count) =>
        pipeline.Build(catalog, null, updater.FeedUserAt("viewer", profile, at), at, count, "web");

    private static int CountTagged(IEnumerable<RankedItem> feed, string tag) => feed.Count(f => f.ItemId.StartsWith(tag, StringComparison.Ordinal));

    [Fact]
    public void After_one_click_on_a_tag_the_next_feed_holds_more_of_that_tag()
    {
        // x items are the least popular but one; the crowd prefers y and z.
        var catalog = Snapshot([Item("x0", 8, tags: ["x"]), .. Items("x", 6, 1).Skip(1), .. Items("y", 6, 6), .. Items("z", 6, 5)]);
        var first = Feed(catalog, Now, 6);
        foreach (var item in first) Apply(EventType.Impression, item.ItemId, Now);
        Apply(EventType.Click, "x0", Now.AddSeconds(5));
        Apply(EventType.Dwell, "x0", Now.AddSeconds(65), dwell: 60);

        var next = Feed(catalog, Now.AddSeconds(90), 6);

        Assert.Equal(1, CountTagged(first, "x"));
        Assert.Equal(5, CountTagged(next, "x")); // every x item left: x1…x5
        Assert.DoesNotContain(next, f => f.ItemId == "x0"); // consumed
    }

    [Fact]
    public void A_tag_passed_over_many_times_ranks_below_one_taken_at_its_first_showings_though_each_had_one_click()
    {
        // Equal popularity and one click each, so the interests are equal; only the impressions set x and y apart.
        var catalog = Snapshot([.. Items("x", 10, 2), .. Items("y", 10, 2)]);
        var shownAt = Now.AddDays(-2); // long enough ago that the shown items are not held back as recently shown
        foreach (var id in Tagged("x", 5)) Apply(EventType.Impression, id, shownAt);
        foreach (var id in Tagged("y", 2)) Apply(EventType.Impression, id, shownAt);
        Apply(EventType.Click, "x0", shownAt.AddSeconds(5));
        Apply(EventType.Click, "y0", shownAt.AddSeconds(5));

        var user = updater.FeedUserAt("viewer", profile, Now);
        var feed = Feed(catalog, Now, 4);

        Assert.Equal(user.Interests[0].Value, user.Interests[1].Value, 9);
        Assert.True(user.Response.LiftOf("y") > 1 && user.Response.LiftOf("x") < 1,
            $"lift y {user.Response.LiftOf("y"):F3}, x {user.Response.LiftOf("x"):F3}");
        Assert.Equal(4, CountTagged(feed, "y"));
    }
}
