using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// The pipeline without a published model (the engine's cold start), with no MMR and no exploration slot, so the
/// order is the ranking's. Weights (the no-model heuristic's): interest 1, popularity 0.5, freshness 0.3, freshness half-life 3 days.
/// Popularity part = ln(1 + p) / ln(1 + max p), weighted 0.5; with max p = 8: p 8 → 0.5, p 3 → 0.5 · ln 4 / ln 9 = 0.315465,
/// p 1 → 0.5 · ln 2 / ln 9 = 0.157732. Interest part = Σ interest of the item's tags / max |interest| / 2, in [-1, 1].
/// </summary>
public class FeedPipelineTests
{
    private static readonly FeedSettings NoRerank = new() { InterestWeight = 1, PopularityWeight = 0.5, DiversityWeight = 0, ExplorationSlots = 0 };

    private FeedPipeline pipeline = new(NoRerank);

    private IReadOnlyList<RankedItem> Build(CatalogEntry[] items, KeyValuePair<string, double>[]? interests = null,
        string[]? excluded = null, int count = 10, string? channel = null) =>
        pipeline.Build(Snapshot(items), null,
            new FeedUser("user-1", interests ?? [], new HashSet<string>(excluded ?? []), []), Now, count, channel);

    [Fact]
    public void Cold_start_user_gets_trending_items_first()
    {
        var feed = Build([Item("c"), Item("b", 3), Item("a", 8)]);

        Assert.Equal(
            [new RankedItem("a", 0.5, "trending now"), new RankedItem("b", 0.315465, "trending now"), new RankedItem("c", 0, "from the catalog")],
            feed);
    }

    [Fact]
    public void Fresh_items_are_new_and_halve_every_three_days()
    {
        var feed = Build([Item("undated"), Item("f3", publishedHoursAgo: 72), Item("f0", publishedHoursAgo: 0), Item("future", publishedHoursAgo: -24)]);

        Assert.Equal(
            [
                new RankedItem("f0", 0.3, "new"),
                new RankedItem("future", 0.3, "new"), // never fresher than "just published"
                new RankedItem("f3", 0.15, "new"),
                new RankedItem("undated", 0, "from the catalog"),
            ],
            feed);
    }

    [Fact]
    public void Score_sums_the_parts_and_the_reason_is_the_largest_weighted_part()
    {
        var feed = Build([Item("a", 8, publishedHoursAgo: 0), Item("b", 3, publishedHoursAgo: 0), Item("c", 1, publishedHoursAgo: 0)]);

        Assert.Equal(
            [
                new RankedItem("a", 0.8, "trending now"),      // 0.5 + 0.3
                new RankedItem("b", 0.615465, "trending now"), // 0.315465 > 0.3
                new RankedItem("c", 0.457732, "new"),          // 0.157732 < 0.3
            ],
            feed);
    }

    [Fact]
    public void User_interested_in_a_tag_gets_its_items_first()
    {
        var feed = Build(
            [Item("pop", 8, ["z"]), Item("px", 0, ["x"]), Item("py", 0, ["y"]), Item("pxy", 0, ["y", "x"])],
            Interests(("x", 4), ("y", 1)));

        Assert.Equal(
            [
                new RankedItem("pxy", 0.625, "matches your interest in x"), // (4 + 1) / 4 / 2; x is the stronger tag
                new RankedItem("pop", 0.5, "trending now"),                 // ties with px at 0.5: "pop" < "px"
                new RankedItem("px", 0.5, "matches your interest in x"),    // 4 / 4 / 2
                new RankedItem("py", 0.125, "matches your interest in y"),  // 1 / 4 / 2
            ],
            feed);
    }

    [Fact]
    public void Weak_interest_loses_the_reason_to_popularity()
    {
        var feed = Build([Item("a", 8, ["y"])], Interests(("x", 4), ("y", 1)));

        Assert.Equal([new RankedItem("a", 0.625, "trending now")], feed); // 0.125 + 0.5
    }

    [Fact]
    public void Interest_reason_says_trending_when_the_unweighted_popularity_part_is_at_least_a_half()
    {
        var feed = Build([Item("top", 8, ["z"]), Item("warm", 3, ["x"]), Item("cool", 1, ["x"])], Interests(("x", 4)));

        Assert.Equal(
            [
                new RankedItem("warm", 0.815465, "trending in your interests: x"), // 0.5 + 0.315465; part ln 4 / ln 9 = 0.63
                new RankedItem("cool", 0.657732, "matches your interest in x"),    // 0.5 + 0.157732; part ln 2 / ln 9 = 0.32
                new RankedItem("top", 0.5, "trending now"),
            ],
            feed);
    }

    [Fact]
    public void Interest_part_is_clamped_to_one()
    {
        var feed = Build([Item("a", 0, ["x", "y", "z"])], Interests(("x", 1), ("y", 1), ("z", 1)));

        Assert.Equal([new RankedItem("a", 1, "matches your interest in x")], feed); // 3 / 1 / 2 = 1.5 → 1
    }

    [Fact]
    public void Interest_part_is_clamped_to_minus_one()
    {
        var feed = Build([Item("a", 0, ["x", "y", "z"]), Item("b")], Interests(("x", -1), ("y", -1), ("z", -1)));

        Assert.Equal([new RankedItem("b", 0, "from the catalog"), new RankedItem("a", -1, "from the catalog")], feed);
    }

    [Fact]
    public void Disliked_tag_pushes_items_down()
    {
        var feed = Build(
            [Item("bad", 8, ["y"]), Item("neutral", 3, ["z"]), Item("mixed", 1, ["x", "y"]), Item("good", 0, ["x"])],
            Interests(("x", 4), ("y", -2)));

        Assert.Equal(
            [
                new RankedItem("good", 0.5, "matches your interest in x"),      // 4 / 4 / 2
                new RankedItem("mixed", 0.407732, "matches your interest in x"), // (4 - 2) / 4 / 2 + 0.157732
                new RankedItem("neutral", 0.315465, "trending now"),
                new RankedItem("bad", 0.25, "trending now"),                     // -2 / 4 / 2 + 0.5
            ],
            feed);
    }

    [Fact]
    public void Only_dislikes_make_every_disliked_item_negative()
    {
        var feed = Build([Item("bad", 0, ["y"]), Item("other")], Interests(("y", -3)));

        Assert.Equal([new RankedItem("other", 0, "from the catalog"), new RankedItem("bad", -0.5, "from the catalog")], feed);
    }

    [Fact]
    public void Excluded_items_are_never_offered()
    {
        var feed = Build([Item("a", 8, ["x"]), Item("b", 3), Item("c", 1, publishedHoursAgo: 0)], Interests(("x", 9)), excluded: ["a", "c"]);

        Assert.Equal(["b"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Channel_limits_items_case_insensitively_and_items_without_channels_fit_any()
    {
        CatalogEntry[] items = [Item("w", 8, channels: ["web"]), Item("p", 8, channels: ["app"]), Item("n", 3)];

        Assert.Equal(["w", "n"], Build(items, channel: "web").Select(r => r.ItemId));
        Assert.Equal(["w", "n"], Build(items, channel: "WeB").Select(r => r.ItemId));
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
        Assert.Empty(pipeline.Build(CatalogSnapshot.Empty, null, FeedUser.Anonymous("u"), Now, 10, null));
    }

    [Fact]
    public void Equal_scores_are_ordered_by_item_id_ordinally()
    {
        var feed = Build([Item("b", 2), Item("B", 2), Item("c"), Item("a", 2), Item("a2")]);

        Assert.Equal(["B", "a", "b", "a2", "c"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Interest_tags_add_candidates_beyond_the_trending_ones()
    {
        pipeline = new FeedPipeline(NoRerank with { PopularCandidates = 1, FreshCandidates = 0 });

        var feed = Build([Item("top", 8), Item("x1", 1, ["x"]), Item("other", 2)], Interests(("x", 1)));

        Assert.Equal([new RankedItem("x1", 0.657732, "matches your interest in x"), new RankedItem("top", 0.5, "trending now")], feed);
    }

    [Fact]
    public void Only_the_strongest_positive_interests_add_candidates()
    {
        pipeline = new FeedPipeline(NoRerank with { PopularCandidates = 0, FreshCandidates = 0, TopInterestTags = 1 });

        var feed = Build([Item("x1", 0, ["x"]), Item("y1", 0, ["y"]), Item("z1", 0, ["z"])], Interests(("z", 5), ("x", 2), ("y", -9)));

        Assert.Equal(["z1"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Candidates_per_tag_take_the_most_popular()
    {
        pipeline = new FeedPipeline(NoRerank with { PopularCandidates = 0, FreshCandidates = 0, CandidatesPerTag = 2 });

        var feed = Build([Item("x1", 1, ["x"]), Item("x2", 5, ["x"]), Item("x3", 3, ["x"])], Interests(("x", 1)));

        Assert.Equal(["x2", "x3"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Trending_candidates_are_the_most_popular_allowed_items()
    {
        pipeline = new FeedPipeline(NoRerank with { PopularCandidates = 2, FreshCandidates = 0 });

        // The excluded top item does not use up one of the two places.
        var feed = Build([Item("a", 8), Item("b", 5), Item("c", 3), Item("d", 1)], excluded: ["a"]);

        Assert.Equal(["b", "c"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Fresh_candidates_are_the_newest_items()
    {
        pipeline = new FeedPipeline(NoRerank with { PopularCandidates = 0, FreshCandidates = 2 });

        var feed = Build([Item("h1", publishedHoursAgo: 1), Item("h9", publishedHoursAgo: 9), Item("h5", publishedHoursAgo: 5), Item("undated", 8)]);

        Assert.Equal(["h1", "h5"], feed.Select(r => r.ItemId));
    }

    [Fact]
    public void Without_a_model_the_feed_is_named_heuristic()
    {
        Assert.Equal("heuristic-v1", FeedPipeline.NameOf(null));
        Assert.Equal(FeedPipeline.HeuristicName, FeedPipeline.NameOf(null));
    }

    [Fact]
    public void Default_settings()
    {
        var s = new FeedSettings();

        Assert.Equal((200, 10, 20, 10, 50, 100, 50),
            (s.ModelCandidates, s.RecentItemsForSimilar, s.SimilarPerRecentItem, s.TopInterestTags, s.CandidatesPerTag, s.PopularCandidates, s.FreshCandidates));
        Assert.Equal((2.0, 0.25, 0.25, 0.3, TimeSpan.FromDays(3)),
            (s.ModelWeight, s.InterestWeight, s.PopularityWeight, s.FreshnessWeight, s.FreshnessHalfLife));
        Assert.Equal((0.1, 1, 20L), (s.DiversityWeight, s.ExplorationSlots, s.ExplorationMaxEvents));
        Assert.Equal(new RankingWeights(0, 1.0, 0.5, 0.3, 2.0, 0.5), s.Weights(withModel: false));
        Assert.Equal(new RankingWeights(2.0, 0.25, 0.25, 0.3, 2.0, 0.25), s.Weights(withModel: true));
        Assert.Equal(new RankingWeights(0.5, 1.0, 0.5, 0.3, 2.0, 0.25), s.Weights(withModel: true, impressionsLogged: true));
        Assert.Equal(s.Weights(withModel: false), s.Weights(withModel: false, impressionsLogged: true));
        Assert.Equal((3, 30), (s.TopTopics, s.CandidatesPerTopic));
    }

    [Fact]
    public void Without_a_model_the_catalog_only_weights_rank()
    {
        // Interest in jazz 1 (max 1): part 1/2, weighted 2 (the no-model interest weight here) → 1.0; the trending item's
        // popularity part 1, weighted 0.5 → 0.5. With the model-set weights (0.25 each) the trending item would win.
        pipeline = new FeedPipeline(NoRerank with { InterestWeight = 0.25, PopularityWeight = 0.25, InterestWeightWithoutModel = 2 });
        var feed = Build([Item("hit", 8), Item("jazz", 0, ["jazz"])], Interests(("jazz", 1)));

        Assert.Equal([new RankedItem("jazz", 1.0, "matches your interest in jazz"), new RankedItem("hit", 0.5, "trending now")], feed);
    }
}
