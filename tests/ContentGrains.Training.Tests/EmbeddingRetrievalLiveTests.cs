using ContentGrains.Core.Catalog;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Live;
using ContentGrains.Inference.Vectors;

namespace ContentGrains.Training.Tests;

/// <summary>
/// The embedding kind trained live and served through the feed's retrieval path: catalog items without events are in
/// the model (vectors from their tags), so a brand-new item reaches the feed of a person whose history matches it.
/// </summary>
[Collection(LiveKindRegistry.Name)]
public class EmbeddingRetrievalLiveTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_cold_item_with_matching_tags_is_retrieved_for_a_matching_person()
    {
        TrainingKinds.Register();
        var data = new BlockData(users: 20, items: 24, heldOutPerUser: 2);
        string Tag(int item) => item < data.ItemCount / 2 ? "left" : "right";
        var events = Enumerable.Range(0, data.UserCount)
            .SelectMany(user => data.Train.ItemsOf(user).ToArray().Select(item => (user, item)))
            .Select((pair, n) => new Interaction($"e{n}", $"u{pair.user}", $"i{pair.item}", EventType.View, Start.AddSeconds(n), "web", 0, null, null))
            .ToList();
        var items = Enumerable.Range(0, data.ItemCount).Select(item => ($"i{item}", (IReadOnlyList<string>)[Tag(item)]))
            .Append(("new-left", ["left"])).Append(("new-right", ["right"])).ToList();

        var (live, report) = LiveModelTrainer.Train("feed", 1, Start, events, EmbeddingModel.KindName, CatalogSideFile.From(items));
        live.AttachRetrieval(ItemRetrieval.Build(live.Embedding!, new VectorIndexFactory()));

        Assert.Equal(data.ItemCount + 2, report.Items); // the two new items are in the model, with no events
        var catalog = new CatalogSnapshot(1, items.Select(i => new CatalogEntry(i.Item1, i.Item2, [], null, default, 10, null)).ToList(), Start, TimeSpan.FromDays(1));
        var history = data.Train.ItemsOf(0).ToArray().Select(item => $"i{item}").ToArray(); // user 0: the left block
        var user = new FeedUser("u0", [], history.ToHashSet(), history);
        var settings = new FeedSettings
        {
            ModelWeight = 1, InterestWeight = 0, PopularityWeight = 0, FreshnessWeight = 0, DiversityWeight = 0, ExplorationSlots = 0,
            RecentItemsForSimilar = 0, TopInterestTags = 0, PopularCandidates = 0, FreshCandidates = 0,
        };

        var feed = new FeedPipeline(settings).Build(catalog, live, user, Start, 26, null).Select(r => r.ItemId).ToList();

        var rightItems = Enumerable.Range(data.ItemCount / 2, data.ItemCount / 2).Select(item => $"i{item}").Append("new-right");
        Assert.Contains("new-left", feed);
        Assert.All(rightItems, right => Assert.True(feed.IndexOf("new-left") < feed.IndexOf(right),
            $"new-left (at {feed.IndexOf("new-left")}) should outrank {right} (at {feed.IndexOf(right)}) in [{string.Join(", ", feed)}]"));
    }

    [Fact]
    public void Beyond_the_dense_range_a_dense_kind_trains_the_embedding_kind_and_says_why()
    {
        TrainingKinds.Register();

        var (kind, note) = LiveModelTrainer.ChooseKind("ease", LiveModelTrainer.MaxDenseItems + 1);

        Assert.Equal(EmbeddingModel.KindName, kind);
        Assert.Equal("trained 'embedding' instead of 'ease': 5,001 items is over the dense limit of 5,000", note);
    }
}
