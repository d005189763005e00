using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Ranking;
using ContentGrains.Core.Tests.Feed;
using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Tests.Topics;

/// <summary>The served topics: the catalog fit, its stored form, the live interests and the feed's topic source and reason.</summary>
public sealed class ServedTopicsTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(14);

    /// <summary>Two hand-made topics over 2 dimensions: a (1, 0) and b (0, 1); items a1..a3 lean to a, b1..b3 to b.</summary>
    private static TopicBook Book(long version = 1)
    {
        CatalogTopic Topic(int id, string name, float[] centroid, params string[] items) =>
            new(id, name, [new TopicWord(name, 1)], items.Length, centroid, items);
        var items = new[]
        {
            new ItemTopics("a1", [0], [1f]), new ItemTopics("a2", [0, 1], [0.9f, 0.1f]), new ItemTopics("a3", [0, 1], [0.8f, 0.2f]),
            new ItemTopics("b1", [1], [1f]), new ItemTopics("b2", [1, 0], [0.9f, 0.1f]), new ItemTopics("b3", [1, 0], [0.6f, 0.4f]),
        };
        return new TopicBook(new CatalogTopics("test", "hand", [new TopicCountScore(2, 0.5)], 2,
            [Topic(0, "space", [1, 0], "a1", "a2", "a3"), Topic(1, "kitchen", [0, 1], "b1", "b2", "b3")], items, FeedCatalog.Now), version);
    }

    private static Interaction Click(string item, DateTimeOffset at) => new($"e-{item}", "ann", item, EventType.Click, at, "web", 0, null, null);

    [Fact]
    public void A_catalog_with_no_more_items_than_the_fewest_topics_is_too_few_to_fit_and_says_how_many()
    {
        var (points, _) = PlantedTopics.Draw(clusters: 3, perCluster: 1, dimensions: 24, noise: 0.25f, seed: 7);
        var documents = points.Select((p, i) => new TopicDocument($"item-{i}", p, ["news"])).ToList();
        var fitter = new CatalogTopicFitter(new CatalogTopicOptions(MinTopics: 2, MaxTopics: 6));

        var error = Assert.Throws<TooFewItemsException>(() => fitter.Fit(documents[..2], FeedCatalog.Now));
        Assert.Equal("topics need more than 2 items with a text vector, found 2", error.Message);
        Assert.Equal(3, fitter.Fit(documents, FeedCatalog.Now).Items.Count);
    }

    [Fact]
    public void The_fit_finds_planted_clusters_names_them_and_gives_every_item_its_mixture()
    {
        var (points, truth) = PlantedTopics.Draw(clusters: 3, perCluster: 30, dimensions: 24, noise: 0.25f, seed: 7);
        string[] words = ["comet", "soup", "goal"];
        var documents = points.Select((p, i) => new TopicDocument($"item-{i}", p, [words[truth[i]], "news"])).ToList();

        var topics = new CatalogTopicFitter(new CatalogTopicOptions(MinTopics: 2, MaxTopics: 6, Restarts: 3, TopItemsPerTopic: 5)).Fit(documents, FeedCatalog.Now);

        Assert.Equal(3, topics.Topics.Count);
        Assert.Equal([2, 3, 4, 5, 6], topics.Tried.Select(t => t.K));
        Assert.Equal(1.0, NormalizedMutualInformation.Between(topics.Items.Select(i => i.MainTopic).ToArray(), truth.Select(t => words[t]).ToList()), 6);
        Assert.Equal(words.Order(), topics.Topics.Select(t => t.Words[0].Word).Order()); // the distinctive word, never "news"
        Assert.All(topics.Topics, t => Assert.Equal((30, 5), (t.Size, t.TopItems.Count)));
        Assert.All(topics.Topics, t => Assert.All(t.TopItems, id => Assert.Equal(t.Id, topics.Items.Single(i => i.ItemId == id).MainTopic)));
        Assert.Equal(topics.Topics.Select(t => t.Name), CatalogTopics.FromJson(topics.ToJsonBytes()).Topics.Select(t => t.Name));
    }

    [Fact]
    public void An_item_mixture_keeps_shares_of_at_least_the_minimum_heaviest_first()
    {
        var item = ItemTopics.Of("x", [0.02f, 0.7f, 0.28f]);
        Assert.Equal([1, 2], item.Topics);
        Assert.Equal(1, item.MainTopic);
        Assert.Equal([0f, 0.7f, 0.28f], item.Dense(3));
        var book = Book();
        Assert.Equal((0, "space"), (book.MainTopicOf("a3"), book.NameOf(0)));
        Assert.Null(book.MainTopicOf("unknown"));
        Assert.Equal(1, book.MixtureOf("late", [0.1f, 0.99f]).MainTopic); // an item the fit did not see, from its vector
    }

    [Fact]
    public void One_event_moves_the_interests_and_a_new_version_rebuilds_them_from_the_history()
    {
        var live = new LiveTopicInterests(HalfLife);
        var interests = new TopicInterests();
        var book = Book();
        var at = FeedCatalog.Now;
        var history = new List<HistoryEntry>();
        Assert.Empty(live.At(interests, book, history, at));

        foreach (var item in new[] { "a1", "b3" })
        {
            history.Insert(0, new HistoryEntry(item, EventType.Click, at, "web"));
            live.Apply(interests, book, Click(item, at));
        }
        // Clicks weigh 2: a1 gives space 2; b3 gives kitchen 1.2 and space 0.8. Shares: space 2.8 / 4, kitchen 1.2 / 4.
        var shares = live.At(interests, book, history, at);
        Assert.Equal([0, 1], shares.Select(s => s.Topic));
        Assert.Equal(0.7, shares[0].Share, 6);
        Assert.Equal(0.3, shares[1].Share, 6);

        live.Apply(interests, book, Click("b1", at)); // the next event: kitchen 3.2 of 6
        Assert.Equal(3.2 / 6, live.At(interests, book, history, at).Single(s => s.Topic == 1).Share, 6);

        // A refit (version 2): the interests are rebuilt from the history ring (a1 and b3 here), not lost.
        var rebuilt = live.At(interests, Book(version: 2), history, at);
        Assert.Equal(0.7, rebuilt[0].Share, 6);
        Assert.Equal(2, interests.ModelVersion);
    }

    [Fact]
    public void With_the_other_sources_off_the_feed_is_the_unseen_items_of_the_person_topics_with_the_reason()
    {
        var catalog = FeedCatalog.Snapshot(new[] { "a1", "a2", "a3", "b1", "b2", "b3" }.Select(id => FeedCatalog.Item(id)).ToArray());
        var settings = new FeedSettings { PopularCandidates = 0, FreshCandidates = 0, CandidatesPerTag = 0, ExplorationSlots = 0, TopTopics = 1 };
        var user = new FeedUser("ann", [], new HashSet<string>(["a1"]), ["a1"]) { Topics = [new TopicShare(0, 0.8), new TopicShare(1, 0.2)] };

        var feed = new FeedPipeline(settings).Build(catalog, null, user, FeedCatalog.Now, 10, null, topics: Book());
        var without = new FeedPipeline(settings).Build(catalog, null, user, FeedCatalog.Now, 10, null);

        Assert.Equal(["a2", "a3"], feed.Select(i => i.ItemId)); // a1 is seen; a2 matches more (0.8·0.9 + 0.2·0.1) than a3
        Assert.All(feed, i => Assert.Equal(Reasons.FromTopic("space"), i.Reason));
        Assert.Equal(0.5 * (0.8 * 0.9 + 0.2 * 0.1), feed[0].Score, 5); // TopicWeightWithoutModel × topic match
        Assert.Empty(without);
    }
}
