using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// Default weights: interest 1, popularity 0.5, freshness 0.3, freshness half-life 3 days.
/// Popularity part = 0.5 · ln(1 + p) / ln(1 + max p); with max p = 8: p 8 → 0.5, p 3 → 0.5 · ln 4 / ln 9 = 0.315465.
/// </summary>
public class FeedBuilderTests
{
    private static readonly DateTimeOffset Now = Given.T0;
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(1);
    private static readonly KeyValuePair<string, double>[] NoInterests = [];
    private static readonly HashSet<string> NoneConsumed = [];

    private FeedBuilder builder = new(new FeedSettings());

    private static CatalogEntry Item(string id, double popularity = 0, string[]? tags = null, string[]? channels = null,
        double? publishedHoursAgo = null) =>
        new(id, tags ?? [], channels ?? [], publishedHoursAgo is { } h ? Now.AddHours(-h) : null,
            popularity == 0 ? default : new DecayingValue { Value = popularity, AsOfUnixMs = Now.ToUnixTimeMilliseconds() }, 1);

    private static KeyValuePair<string, double>[] Interests(params (string Tag, double Value)[] values) =>
        values.Select(v => KeyValuePair.Create(v.Tag, v.Value)).ToArray();

    private IReadOnlyList<RankedItem> Build(CatalogEntry[] items, KeyValuePair<string, double>[]? interests = null,
        HashSet<string>? consumed = null, int count = 10, string? channel = null) =>
        builder.Build(new CatalogSnapshot(1, items, Now, HalfLife), interests ?? NoInterests, consumed ?? NoneConsumed, Now, count, channel);

    [Fact]
    public void Cold_start_user_gets_popular_items_first()
    {
        var feed = Build([Item("c"), Item("b", 3), Item("a", 8)]);

        Assert.Equal(
            [new RankedItem("a", 0.5, "popular"), new RankedItem("b", 0.315465, "popular"), new RankedItem("c", 0, "from the catalog")],
            feed);
    }

    [Fact]
    public void Fresh_items_have_reason_fresh_and_halve_every_three_days()
    {
        var feed = Build([Item("undated"), Item("f3", publishedHoursAgo: 72), Item("f0", publishedHoursAgo: 0), Item("future", publishedHoursAgo: -24)]);

        Assert.Equal(
            [
                new RankedItem("f0", 0.3, "fresh"),
                new RankedItem("future", 0.3, "fresh"), // never fresher than "just published"
                new RankedItem("f3", 0.15, "fresh"),
                new RankedItem("undated", 0, "from the catalog"),
            ],
            feed);
    }

    [Fact]
    public void Score_sums_the_parts_and_the_reason_is_the_largest()
    {
        var feed = Build([Item("a", 8, publishedHoursAgo: 0), Item("b", 3, publishedHoursAgo: 0)]);

        Assert.Equal([new RankedItem("a", 0.8, "popular"), new RankedItem("b", 0.615465, "popular")], feed);
    }

    [Fact]
    public void User_interested_in_a_tag_gets_its_items_first()
    {
        var feed = Build(
            [Item("pop", 8, ["z"]), Item("px", 0, ["x"]), Item("py", 0, ["y"]), Item("pxy", 0, ["y", "x"])],
            Interests(("x", 4), ("y", 1)));

        Assert.Equal(
            [
                new RankedItem("pxy", 1.25, "matches tag x"), // (4 + 1) / 4
                new RankedItem("px", 1.0, "matches tag x"),
                new RankedItem("pop", 0.5, "popular"),
                new RankedItem("py", 0.25, "matches tag y"),
            ],
            feed);
    }

    [Fact]
    public void Weak_interest_loses_the_reason_to_popularity()
    {
        var feed = Build([Item("a", 8, ["y"])], Interests(("x", 4), ("y", 1)));

        Assert.Equal([new RankedItem("a", 0.75, "popular")], feed);
    }

    [Fact]
    public void Interest_match_is_capped_at_twice_the_strongest_interest()
    {
        var feed = Build([Item("a", 0, ["x", "y", "z"])], Interests(("x", 1), ("y", 1), ("z", 1)));

        Assert.Equal([new RankedItem("a", 2, "matches tag x")], feed);
    }

    [Fact]
    public void Disliked_tag_pushes_items_down()
    {
        var feed = Build(
            [Item("bad", 8, ["y"]), Item("neutral", 3, ["z"]), Item("mixed", 0, ["x", "y"]), Item("good", 0, ["x"])],
            Interests(("x", 4), ("y", -2)));

        Assert.Equal(
            [
                new RankedItem("good", 1.0, "matches tag x"),
                new RankedItem("mixed", 0.5, "matches tag x"), // (4 - 2) / 4
                new RankedItem("neutral", 0.315465, "popular"),
                new RankedItem("bad", 0.0, "popular"),         // -2 / 4 + 0.5
            ],
            feed);
    }

    [Fact]
    public void Only_dislikes_make_every_disliked_item_negative()
    {
        var feed = Build([Item("bad", 0, ["y"]), Item("other")], Interests(("y", -3)));

        Assert.Equal([new RankedItem("other", 0, "from the catalog"), new RankedItem("bad", -1, "from the catalog")], feed);
    }

    [Fact]
    public void Consumed_items_are_left_out()
    {
        var feed = Build([Item("a", 8), Item("b", 3), Item("c", 1)], consumed: ["a", "c"]);

        Assert.Equal(["b"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Channel_limits_items_and_items_without_channels_fit_any()
    {
        CatalogEntry[] items = [Item("w", 8, channels: ["web"]), Item("p", 8, channels: ["app"]), Item("n", 3)];

        Assert.Equal(["w", "n"], Build(items, channel: "web").Select(r => r.ItemId));
        Assert.Equal(["n"], Build(items, channel: "tv").Select(r => r.ItemId));
        Assert.Equal(["p", "w", "n"], Build(items).Select(r => r.ItemId));
    }

    [Theory]
    [InlineData(1, new[] { "a" })]
    [InlineData(3, new[] { "a", "b", "c" })]
    [InlineData(9, new[] { "a", "b", "c", "d", "e" })]
    [InlineData(0, new string[0])]
    [InlineData(-1, new string[0])]
    public void Count_is_respected(int count, string[] expected)
    {
        var feed = Build([Item("e", 1), Item("d", 2), Item("c", 3), Item("b", 4), Item("a", 5)], count: count);

        Assert.Equal(expected, feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Empty_catalog_gives_an_empty_feed()
    {
        Assert.Empty(Build([], Interests(("x", 1))));
    }

    [Fact]
    public void Equal_scores_are_ordered_by_item_id()
    {
        var feed = Build([Item("b", 2), Item("B", 2), Item("c"), Item("a", 2), Item("a2")]);

        Assert.Equal(["B", "a", "b", "a2", "c"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Interest_tags_add_candidates_beyond_the_popular_ones()
    {
        builder = new FeedBuilder(new FeedSettings { PopularCandidates = 1, FreshCandidates = 0 });

        var feed = Build([Item("top", 8), Item("x1", 1, ["x"]), Item("other", 2)], Interests(("x", 1)));

        Assert.Equal(["x1", "top"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Only_the_strongest_positive_interests_add_candidates()
    {
        builder = new FeedBuilder(new FeedSettings { PopularCandidates = 0, FreshCandidates = 0, TopInterestTags = 1 });

        var feed = Build([Item("x1", 0, ["x"]), Item("y1", 0, ["y"]), Item("z1", 0, ["z"])],
            Interests(("z", 5), ("x", 2), ("y", -9)));

        Assert.Equal(["z1"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Candidates_per_tag_take_the_most_popular()
    {
        builder = new FeedBuilder(new FeedSettings { PopularCandidates = 0, FreshCandidates = 0, CandidatesPerTag = 2 });

        var feed = Build([Item("x1", 1, ["x"]), Item("x2", 5, ["x"]), Item("x3", 3, ["x"])], Interests(("x", 1)));

        Assert.Equal(["x2", "x3"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Fresh_candidates_are_the_newest_items()
    {
        builder = new FeedBuilder(new FeedSettings { PopularCandidates = 0, FreshCandidates = 2 });

        var feed = Build([Item("h1", publishedHoursAgo: 1), Item("h9", publishedHoursAgo: 9), Item("h5", publishedHoursAgo: 5), Item("undated", 8)]);

        Assert.Equal(["h1", "h5"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Default_settings()
    {
        var s = new FeedSettings();

        Assert.Equal((1.0, 0.5, 0.3, TimeSpan.FromDays(3)), (s.InterestWeight, s.PopularityWeight, s.FreshnessWeight, s.FreshnessHalfLife));
        Assert.Equal((200, 100, 10, 200), (s.PopularCandidates, s.FreshCandidates, s.TopInterestTags, s.CandidatesPerTag));
        Assert.Equal("heuristic-v1", FeedBuilder.ModelName);
    }
}
