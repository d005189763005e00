using ContentGrains.Core.Click;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Live;
using ContentGrains.Core.Tests.Feed;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Click;

/// <summary>
/// The click row's embedding_score: person · item under the served embedding model, the person being the mean of the
/// input vectors of what they engaged with. Vectors by hand (input = output): a (1, 0), b (0, 1), c (1, 1); d is not in
/// the model. A person who engaged with a scores b 0 and c 1; d, and anyone with no known history, stay missing.
/// </summary>
public sealed class ClickEmbeddingScoreTests
{
    private static readonly Dictionary<string, string[]> Tags = new() { ["a"] = ["x"], ["b"] = ["y"], ["c"] = ["x", "y"], ["d"] = ["z"] };
    private static readonly int ScoreColumn = ClickFeatures.IndexOf("embedding_score");
    private static readonly int Missing = ClickFeatures.IndexOf("embedding_score_missing");

    private static LiveModel Model() => VectorModels.Of(["a", "b", "c"], [1, 0, 0, 1, 1, 1], 2);

    [Fact]
    public void The_feed_scores_each_candidate_with_the_served_embedding_model()
    {
        var catalog = FeedCatalog.Snapshot(FeedCatalog.Item("a"), FeedCatalog.Item("b"), FeedCatalog.Item("c"), FeedCatalog.Item("d"));
        var user = new FeedUser("u", [], new HashSet<string> { "a" }, ["a"]);
        var settings = new FeedSettings { DiversityWeight = 0, ExplorationSlots = 0 };

        var feed = new FeedPipeline(settings).Build(catalog, Model(), user, FeedCatalog.Now, 3, null, new EmbeddingColumn());

        Assert.Equal(["c", "b", "d"], feed.Select(f => f.ItemId));
        Assert.Equal([1.0, 0.0, -10.0], feed.Select(f => f.Score));
    }

    [Fact]
    public void A_newcomer_or_a_feed_without_an_embedding_model_leaves_the_score_missing()
    {
        var catalog = FeedCatalog.Snapshot(FeedCatalog.Item("a"), FeedCatalog.Item("b"), FeedCatalog.Item("c"));
        var settings = new FeedSettings { DiversityWeight = 0, ExplorationSlots = 0 };

        var newcomer = new FeedPipeline(settings).Build(catalog, Model(), FeedUser.Anonymous("u"), FeedCatalog.Now, 3, null, new EmbeddingColumn());
        var noModel = new FeedPipeline(settings).Build(catalog, null, new FeedUser("u", [], new HashSet<string>(), ["a"]), FeedCatalog.Now, 3, null,
            new EmbeddingColumn());

        Assert.All(newcomer, f => Assert.Equal(-10.0, f.Score));
        Assert.All(noModel, f => Assert.Equal(-10.0, f.Score));
    }

    [Fact]
    public void The_replay_scores_each_logged_impression_from_the_history_before_its_feed()
    {
        Interaction[] log =
        [
            Event(EventType.Impression, "b", T0.AddHours(-1)),
            Event(EventType.Impression, "c", T0.AddHours(-1)),
            Event(EventType.Click, "a", T0),
            Event(EventType.Impression, "b", T0.AddHours(1)),
            Event(EventType.Impression, "c", T0.AddHours(1)),
            Event(EventType.Impression, "d", T0.AddHours(1)),
            Event(EventType.Click, "c", T0.AddHours(1).AddMinutes(2)), // after the feed: not in its rows
            Event(EventType.View, "a", T0.AddHours(2)),
        ];
        var replay = new ClickLogReplay(id => Tags.TryGetValue(id, out var tags) ? (tags, null) : null, ClickLogReplay.DefaultSessionWindow, feedModelAt: _ => Model());

        var feeds = replay.Add(log);

        Assert.Equal(2, feeds.Count);
        Assert.All(Enumerable.Range(0, 2), slot => Assert.Equal(1f, Row(feeds[0], slot)[Missing]));
        var second = feeds[1];
        Assert.Equal((0f, 0f), (Row(second, 0)[ScoreColumn], Row(second, 0)[Missing]));   // b
        Assert.Equal((1f, 0f), (Row(second, 1)[ScoreColumn], Row(second, 1)[Missing]));   // c
        Assert.Equal((0f, 1f), (Row(second, 2)[ScoreColumn], Row(second, 2)[Missing]));   // d: not in the model
        Assert.Equal([0f, 1f, 0f], second.Labels);
    }

    [Fact]
    public void Two_engaged_items_give_the_mean_of_their_vectors()
    {
        var person = ClickPerson.From(2, null, ["b", "a", "d"], id => Tags.GetValueOrDefault(id), model: Model());

        Assert.Equal(1f, person.Embedding!.ScoreOf("c"));   // (0.5, 0.5) · (1, 1); d is unknown and left out of the mean
        Assert.Equal(0.5f, person.Embedding.ScoreOf("a"));
        Assert.Null(person.Embedding.ScoreOf("d"));
        Assert.Null(ClickPerson.From(1, null, ["d"], id => Tags.GetValueOrDefault(id), model: Model()).Embedding);
    }

    private static float[] Row(ClickImpression feed, int slot) => feed.Rows.AsSpan(slot * ClickFeatures.Count, ClickFeatures.Count).ToArray();

    /// <summary>A click model that returns the embedding score, and −10 where it is missing.</summary>
    private sealed class EmbeddingColumn : IClickScorer
    {
        public string Version => "click-embedding";
        public float[] Score(float[] rows) => rows.Chunk(ClickFeatures.Count).Select(r => r[Missing] > 0.5f ? -10f : r[ScoreColumn]).ToArray();
    }
}
