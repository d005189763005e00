using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Live;
using ContentGrains.Core.Profiles;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// The pipeline with a published model (see <see cref="TwoClusters"/> for the hand-computed cosines). With only the
/// model weight, the model part is the item's score min-max scaled over the candidates the model knows.
/// </summary>
public class FeedPipelineModelTests
{
    /// <summary>The model part alone; no MMR, no exploration.</summary>
    private static readonly FeedSettings ModelOnly = new()
    {
        ModelWeight = 1, InterestWeight = 0, PopularityWeight = 0, FreshnessWeight = 0, DiversityWeight = 0, ExplorationSlots = 0,
    };

    /// <summary>Only the item-to-item source: the neighbours of the recent items.</summary>
    private static readonly FeedSettings ItemToItemOnly = ModelOnly with
    {
        ModelCandidates = 0, PopularCandidates = 0, FreshCandidates = 0, TopInterestTags = 0,
    };

    private static readonly LiveModel Knn = TwoClusters.Model();

    private static FeedUser Watched(params string[] history) => WatchedAndExcluded(history, history);

    private static FeedUser WatchedAndExcluded(string[] history, string[] excluded, params (string Tag, double Value)[] interests) =>
        new("viewer", Interests(interests), new HashSet<string>(excluded), history);

    private static IReadOnlyList<RankedItem> Build(FeedSettings settings, FeedUser user, int count = 10, LiveModel? model = null,
        CatalogSnapshot? catalog = null, string? channel = null) =>
        new FeedPipeline(settings).Build(catalog ?? TwoClusters.Catalog(), model ?? Knn, user, Now, count, channel);

    [Fact]
    public void Model_part_is_the_score_scaled_over_the_candidates_and_the_reason_names_the_watched_title()
    {
        // History [a]: itemknn scores b 0.816497, c 0.5, d e f 0; n is unknown to the model. c: 0.5 / 0.816497 = 0.612372.
        var feed = Build(ModelOnly, Watched("a"), count: 4);

        Assert.Equal(
            [
                new RankedItem("b", 1, "because you watched Alpha"),
                new RankedItem("c", 0.612372, "because you watched Alpha"),
                new RankedItem("d", 0, "from the catalog"), // d, e, f, n tie at 0: by id
                new RankedItem("e", 0, "from the catalog"),
            ],
            feed);
        Assert.Equal("feed-v3:itemknn", FeedPipeline.NameOf(Knn));
    }

    [Theory]
    [InlineData("ease")]
    [InlineData("itemknn")]
    [InlineData("pop")]
    public void With_only_the_model_weight_the_feed_is_the_models_own_top_n(string kind)
    {
        var (model, _) = LiveModelTrainer.Train("random", 1, Now, RandomLog(users: 60, items: 40, seed: 11), kind);
        var catalog = Snapshot([.. model.ItemIds.Select(id => Item(id)), Item("zz-unknown-to-model")]);
        string[] history = ["i07", "i22", "i03", "i15"];
        const int n = 10;

        var scores = new float[model.ItemIds.Count];
        model.Scorer.ScoreHistory(history.Select(model.IndexOf).ToArray(), scores);
        var allowed = Enumerable.Range(0, scores.Length).Where(m => !history.Contains(model.ItemIds[m])).ToList();
        var expected = allowed
            .OrderByDescending(m => scores[m]).ThenBy(m => model.ItemIds[m], StringComparer.Ordinal)
            .Take(n).ToList();
        // The comparison means something only when the N-th is above the lowest score (which ties with unknown items).
        Assert.True(scores[expected[^1]] > allowed.Min(m => scores[m]));

        var feed = Build(ModelOnly, Watched(history), count: n, model: model, catalog: catalog);

        Assert.Equal(expected.Select(m => model.ItemIds[m]), feed.Select(r => r.ItemId));
        Assert.Equal(1, feed[0].Score);
    }

    [Fact]
    public void A_new_event_changes_the_next_feed()
    {
        var updater = new ProfileUpdater(new ProfileSettings());
        var profile = new UserProfile();
        var pipeline = new FeedPipeline(ModelOnly);
        IReadOnlyList<RankedItem> Feed() => pipeline.Build(TwoClusters.Catalog(), Knn, updater.FeedUserAt("viewer", profile, Now), Now, 4, null);

        updater.Apply(profile, Given.Event(EventType.View, "a", Now.AddHours(-2), userId: "viewer"), ["comedy"]);
        Assert.Equal(["b", "c", "d", "e"], Feed().Select(r => r.ItemId));

        // History [e, a]: b, d, f all score 0.816497 (→ 1, by id) and c 0.5 (→ 0.5 / 0.816497 = 0.612372).
        updater.Apply(profile, Given.Event(EventType.View, "e", Now.AddHours(-1), userId: "viewer"), ["action"]);
        Assert.Equal(
            [
                new RankedItem("b", 1, "because you watched Alpha"),
                new RankedItem("d", 1, "because you watched Echo"),
                new RankedItem("f", 1, "because you watched Echo"),
                new RankedItem("c", 0.612372, "because you watched Alpha"),
            ],
            Feed());
    }

    [Fact]
    public void Because_you_watched_uses_the_most_similar_recent_item_when_no_neighbour_list_brought_the_candidate()
    {
        // b is similar to a only, d and f to e only.
        var feed = Build(ModelOnly with { RecentItemsForSimilar = 0 }, Watched("e", "a"), count: 3);

        Assert.Equal(
            [("b", "because you watched Alpha"), ("d", "because you watched Echo"), ("f", "because you watched Echo")],
            feed.Select(r => (r.ItemId, r.Reason)));
    }

    [Fact]
    public void Because_you_watched_falls_back_to_the_item_id_when_the_watched_item_has_no_title_or_no_entry()
    {
        var untitled = Snapshot([.. TwoClusters.Entries().Select(e => e.ItemId == "a" ? e with { Title = null } : e)]);
        var withoutA = Snapshot([.. TwoClusters.Entries().Where(e => e.ItemId != "a")]);

        Assert.Equal("because you watched a", Build(ModelOnly, Watched("a"), 1, catalog: untitled).Single().Reason);
        Assert.Equal("because you watched a", Build(ModelOnly, Watched("a"), 1, catalog: withoutA).Single().Reason);
    }

    [Fact]
    public void Model_favourite_unrelated_to_the_history_is_recommended_for_you()
    {
        // Popularity scores: b and e 3, the others 2; scaled over the candidates (a excluded): b, e → 1, the rest → 0.
        // e is not similar to a, so no recent item explains it.
        var feed = Build(ModelOnly, Watched("a"), count: 2, model: TwoClusters.Model("pop"));

        Assert.Equal([new RankedItem("b", 1, "because you watched Alpha"), new RankedItem("e", 1, "recommended for you")], feed);
    }

    [Fact]
    public void Item_to_item_candidates_are_the_neighbours_of_the_recent_items()
    {
        Assert.Equal(["b", "c"], Build(ItemToItemOnly, Watched("a")).Select(r => r.ItemId));
        Assert.Equal(["b"], Build(ItemToItemOnly with { SimilarPerRecentItem = 1 }, Watched("a")).Select(r => r.ItemId));
        // Only the most recent item (e) brings neighbours; an item the model does not know is skipped, not counted.
        Assert.Equal(["d", "f"], Build(ItemToItemOnly with { RecentItemsForSimilar = 1 }, Watched("zzz", "e", "a")).Select(r => r.ItemId));
        // An excluded neighbour does not use up a place.
        Assert.Equal(["c"], Build(ItemToItemOnly with { SimilarPerRecentItem = 1 }, WatchedAndExcluded(["a"], ["a", "b"])).Select(r => r.ItemId));
    }

    [Fact]
    public void Model_candidates_are_the_best_scored_allowed_items()
    {
        var modelSourceOnly = ItemToItemOnly with { RecentItemsForSimilar = 0 };

        Assert.Equal(["b"], Build(modelSourceOnly with { ModelCandidates = 1 }, Watched("a")).Select(r => r.ItemId));
        Assert.Equal(["b", "c"], Build(modelSourceOnly with { ModelCandidates = 2 }, Watched("a")).Select(r => r.ItemId));
        Assert.Equal(["c"], Build(modelSourceOnly with { ModelCandidates = 1 }, WatchedAndExcluded(["a"], ["a", "b"])).Select(r => r.ItemId));
        // Candidates must fit the channel: d is app-only, so for "web" the best after b, c are e, f.
        Assert.Equal(["b", "c", "e", "f"],
            Build(modelSourceOnly with { ModelCandidates = 4 }, Watched("a"), channel: "web").Select(r => r.ItemId));
    }

    [Fact]
    public void Excluded_items_are_never_offered_even_when_the_model_likes_them_most()
    {
        var feed = Build(new FeedSettings { ExplorationSlots = 0 }, WatchedAndExcluded(["a"], ["a", "b"]));

        Assert.DoesNotContain(feed, r => r.ItemId is "a" or "b");
        Assert.Equal(5, feed.Count);
    }

    [Fact]
    public void Items_the_model_lacks_still_come_through_content_and_trending()
    {
        // Content match on "drama" only: n (popularity 4), c (2), f (0). Max popularity 8; history [a] scores c 0.5, f 0.
        var contentOnly = new FeedSettings
        {
            ModelCandidates = 0, RecentItemsForSimilar = 0, PopularCandidates = 0, FreshCandidates = 0, DiversityWeight = 0, ExplorationSlots = 0,
            InterestWeight = 1, PopularityWeight = 0.5,
        };

        var feed = Build(contentOnly, WatchedAndExcluded(["a"], ["a"], ("drama", 2)));

        Assert.Equal(
            [
                new RankedItem("c", 2.75, "because you watched Alpha"),            // 2 · 1 + 0.5 + 0.5 · ln 3 / ln 9
                new RankedItem("n", 0.866243, "trending in your interests: drama"), // 0.5 + 0.5 · ln 5 / ln 9
                new RankedItem("f", 0.5, "matches your interest in drama"),        // model part 0 (f scores 0)
            ],
            feed);

        var trending = Build(contentOnly with { PopularCandidates = 3 }, Watched("a"));
        Assert.Contains(new RankedItem("n", 0.366243, "trending now"), trending);
    }

    [Fact]
    public void Diversity_weight_moves_an_item_similar_to_an_earlier_pick_down()
    {
        // λ = 0.5, relevance b 1, c 0.612372, d e f n 0. Pick b (0.5). Similarity to b: c max(Jaccard 1/2, cosine 0.816497),
        // n Jaccard 1/2, d e f 0. Next: c 0.5 · 0.612372 − 0.5 · 0.816497 = −0.102062, d e f 0, n −0.25 → d (first at 0).
        // Similarity to d: e 1 (same tags), f max(1/2, 1/2), n 0 → stays 1/2. Next: c −0.102062, e −0.5, f −0.25, n −0.25 → c.
        var feed = Build(ModelOnly with { DiversityWeight = 0.5 }, Watched("a"), count: 3);

        Assert.Equal(
            [
                new RankedItem("b", 1, "because you watched Alpha"),
                new RankedItem("d", 0, "from the catalog"),
                new RankedItem("c", 0.612372, "because you watched Alpha"),
            ],
            feed);
    }

    [Fact]
    public void Exploration_item_takes_the_last_slot_of_a_feed_of_five()
    {
        var explore = ModelOnly with { ExplorationSlots = 1 };

        // Ranked b, c, d, e, f, n; only n has fewer than 20 events.
        Assert.Equal(
            [
                new RankedItem("b", 1, "because you watched Alpha"),
                new RankedItem("c", 0.612372, "because you watched Alpha"),
                new RankedItem("d", 0, "from the catalog"),
                new RankedItem("e", 0, "from the catalog"),
                new RankedItem("n", 0, "something new to explore"),
            ],
            Build(explore, Watched("a"), count: 5));
        Assert.Equal(["b", "c", "d", "e"], Build(explore, Watched("a"), count: 4).Select(r => r.ItemId));
        // n already earned its place: nothing else qualifies, nothing changes.
        Assert.Equal("from the catalog", Build(explore, Watched("a"), count: 6)[^1].Reason);
        Assert.DoesNotContain(Build(explore, WatchedAndExcluded(["a"], ["a", "n"]), count: 5), r => r.ItemId == "n");
    }

    [Fact]
    public void Two_exploration_slots_fill_the_feed_from_its_end()
    {
        // m1, m2 (no events, no tags) and n are the under-exposed items; all rank below the top five.
        var catalog = Snapshot([.. TwoClusters.Entries(), Item("m1", events: 0), Item("m2", events: 0)]);

        var feed = Build(ModelOnly with { ExplorationSlots = 2 }, Watched("a"), count: 5, catalog: catalog);

        Assert.Equal(["b", "c", "d"], feed.Take(3).Select(r => r.ItemId));
        Assert.Equal(2, feed.Skip(3).Select(r => r.ItemId).Intersect(["m1", "m2", "n"]).Count());
        Assert.All(feed.Skip(3), r => Assert.Equal((0.0, "something new to explore"), (r.Score, r.Reason)));
        // The slots are at most half the feed: a feed of 5 takes 2 of the 3 eligible items, never 3.
        var three = Build(ModelOnly with { ExplorationSlots = 3 }, Watched("a"), count: 5, catalog: catalog);
        Assert.Equal(2, three.Count(r => r.Reason == "something new to explore"));
    }

    [Fact]
    public void Exploration_item_is_appended_when_the_feed_comes_up_short()
    {
        // Two candidates, b and c: the model part is the score over the largest, b's: c gets 0.5 / 0.816497.
        var twoCandidates = ItemToItemOnly with { RecentItemsForSimilar = 0, ModelCandidates = 2, ExplorationSlots = 1 };

        Assert.Equal(
            [
                new RankedItem("b", 1, "because you watched Alpha"),
                new RankedItem("c", 0.612372, "because you watched Alpha"),
                new RankedItem("n", 0, "something new to explore"),
            ],
            Build(twoCandidates, Watched("a"), count: 5));
    }

    /// <summary>
    /// Users pick 3-8 items, skewed to low ids (as popularity is), so the models have a varied, tie-free order.
    /// </summary>
    private static IEnumerable<Interaction> RandomLog(int users, int items, int seed)
    {
        var random = new Random(seed);
        for (var u = 0; u < users; u++)
        {
            var picks = random.Next(3, 9);
            for (var k = 0; k < picks; k++)
            {
                var item = (int)(items * Math.Pow(random.NextDouble(), 1.5));
                yield return Given.Event(EventType.View, $"i{item:D2}", userId: $"u{u}");
            }
        }
    }
}
