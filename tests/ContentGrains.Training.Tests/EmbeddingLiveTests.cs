using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Events;
using ContentGrains.Core.Live;

namespace ContentGrains.Training.Tests;

/// <summary>The embedding model as a live kind: trained by the live trainer from events and the catalog's tags, published as bytes.</summary>
[Collection(LiveKindRegistry.Name)]
public class EmbeddingLiveTests
{
    [Fact]
    public void The_live_trainer_trains_the_embedding_kind_from_events_and_catalog_tags()
    {
        TrainingKinds.Register();
        var (events, catalog, start) = BlockEvents();

        var (live, report) = LiveModelTrainer.Train("feed", 1, start, events, EmbeddingModel.KindName, catalog);

        Assert.Equal((EmbeddingModel.KindName, 10, 12), (report.Kind, report.Users, report.Items));
        var model = Assert.IsType<EmbeddingModel>(live.Scorer);
        Assert.Equal(TrainingKinds.EmbeddingLiveOptions.MaxEpochs, model.LastFit!.EpochsRun);
        Assert.Equal(["left", "right"], model.TagNames);

        // A left-block history ranks a left item above a right one, and silos load the artifact to score the same.
        var loaded = LiveModel.FromBytes(live.ToBytes());
        var history = new[] { live.IndexOf("i0"), live.IndexOf("i1") };
        var expected = new float[live.ItemIds.Count];
        var actual = new float[live.ItemIds.Count];
        live.Scorer.ScoreHistory(history, expected);
        loaded.Scorer.ScoreHistory(history, actual);
        Assert.Equal(expected, actual);
        Assert.True(expected[live.IndexOf("i3")] > expected[live.IndexOf("i9")], "a left item outranks a right item for a left history");
    }

    [Fact]
    public void The_host_can_set_the_live_embedding_epochs_and_registering_without_them_restores_the_default()
    {
        var (events, catalog, start) = BlockEvents();
        try
        {
            TrainingKinds.Register(embeddingEpochs: 3);
            var (live, _) = LiveModelTrainer.Train("feed", 1, start, events, EmbeddingModel.KindName, catalog);
            Assert.Equal(3, Assert.IsType<EmbeddingModel>(live.Scorer).LastFit!.EpochsRun);
        }
        finally { TrainingKinds.Register(); }
        var (again, _) = LiveModelTrainer.Train("feed", 2, start, events, EmbeddingModel.KindName, catalog);
        Assert.Equal(80, Assert.IsType<EmbeddingModel>(again.Scorer).LastFit!.EpochsRun);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TrainingKinds.Register(embeddingEpochs: 0));
        Assert.Equal("embeddingEpochs", error.ParamName);
    }

    /// <summary>Ten people who each view one half (block) of twelve items tagged "left" or "right".</summary>
    private static (List<Interaction> Events, Core.Data.AtomicFile Catalog, DateTimeOffset Start) BlockEvents()
    {
        var data = new BlockData(users: 10, items: 12, heldOutPerUser: 1);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var events = Enumerable.Range(0, data.UserCount)
            .SelectMany(user => data.Train.ItemsOf(user).ToArray().Select(item => (user, item)))
            .Select((pair, n) => new Interaction($"e{n}", $"u{pair.user}", $"i{pair.item}", EventType.View, start.AddSeconds(n), "web", 0, null, null))
            .ToList();
        var catalog = CatalogSideFile.From(Enumerable.Range(0, data.ItemCount)
            .Select(item => ($"i{item}", (IReadOnlyList<string>)[item < data.ItemCount / 2 ? "left" : "right"])));
        return (events, catalog, start);
    }
}
