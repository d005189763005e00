using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Training.Embedding;

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

    [Fact]
    public void The_live_trainer_records_the_device_the_embedding_fit_ran_on()
    {
        var (events, catalog, start) = BlockEvents();
        try
        {
            // The real trainer's weights, reported as a GPU silo's fit reports them: the registry must get "cuda", not
            // the "cpu" a scorer that does not say where it trained is given.
            LiveModelTrainer.Register(EmbeddingModel.KindName, context => new EmbeddingModel(
                new ReportedOn("cuda", new EmbeddingTrainer(new EmbeddingOptions { MaxEpochs = 2 })), ItemMetadata.From(context)));
            var (_, onGpu) = LiveModelTrainer.Train("feed", 1, start, events, EmbeddingModel.KindName, catalog);
            Assert.Equal("cuda", onGpu.Device);
        }
        finally { TrainingKinds.Register(); }

        var (live, report) = LiveModelTrainer.Train("feed", 2, start, events, EmbeddingModel.KindName, catalog);
        var fit = Assert.IsType<EmbeddingModel>(live.Scorer).LastFit!;
        // With the real trainer the record is where libtorch trained: the CPU here, CUDA on a GPU silo.
        var expected = TorchSharp.torch.cuda.is_available() ? "cuda" : "cpu";
        Assert.Equal((expected, expected), (fit.Device, report.Device));
    }

    /// <summary>An embedding trainer whose fit report names <paramref name="device"/>, whatever <paramref name="trainer"/> ran on.</summary>
    private sealed class ReportedOn(string device, IEmbeddingTrainer trainer) : IEmbeddingTrainer
    {
        public (EmbeddingTowers Towers, EmbeddingFitReport Report) Train(Core.Data.InteractionSet train, ItemMetadata metadata, Core.Data.InteractionSet? validation)
        {
            var (towers, report) = trainer.Train(train, metadata, validation);
            return (towers, report with { Device = device });
        }
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
