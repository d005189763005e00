using ContentGrains.Abstractions;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
using ContentGrains.Testing;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// Every served feed model ends in one "ready to serve fast" state on each silo, reported in the registry view
/// (GET /v1/models) and on the silo's scorer: with a k-NN table (a small catalog) at once and with no lists; an embedding
/// model without a table once its neighbour lists are made, with their number. Benches wait for it before measuring feeds.
/// </summary>
public sealed class ServingReadinessTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;
    private IGrainFactory Grains => engine.Grains;
    private ITrainerGrain Trainer => Grains.GetGrain<ITrainerGrain>("default");
    private string Silo => engine.SiloNames.Single();

    public async Task InitializeAsync() => engine = await EngineCluster.StartAsync(folder);

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task A_model_with_a_knn_table_is_ready_at_once_without_neighbour_lists_and_the_registry_view_says_so()
    {
        await ClusteredAudience.LoadAsync(Grains);
        var v1 = await TrainingJobs.TrainAsync(Grains, "ease");

        var view = await Eventually.Get(() => Grains.GetGrain<ISiloScorerGrain>(Silo).GetAsync(), v => v.Readiness?.Ready == true, "the silo ready to serve v1");
        Assert.Equal((v1.Version, v1.Version, 0), (view.Serving, view.Readiness!.Version, view.Readiness.NeighbourLists));
        Assert.Equal($"no neighbour lists needed: the ease model carries its own k-NN table of {v1.Items} items", view.Readiness.Detail);

        var registry = await Eventually.Get(Trainer.GetRegistryAsync, r => r.Silos?.SingleOrDefault()?.Readiness?.Ready == true, "readiness in the registry view");
        Assert.Equal(view.Readiness, registry.Silos!.Single().Readiness);
    }

    [Fact]
    public async Task An_embedding_model_without_a_table_is_ready_once_its_neighbour_lists_are_made_and_says_how_many()
    {
        const int items = 300;
        var model = EmbeddingWithoutTable(items);
        var bytes = model.ToBytes();
        await engine.SiloService<IModelStore>(0).SaveAsync(
            new ModelVersion("default", 1, EmbeddingModel.KindName, model.TrainedAt, 0, 0, items, 0, 0, bytes.Length, Sha256: ArtifactChecksum.Of(bytes)), bytes);
        await Trainer.SetChampionAsync(1);

        var view = await Eventually.Get(() => Grains.GetGrain<ISiloScorerGrain>(Silo).GetAsync(), v => v.Readiness?.Ready == true, "the silo ready to serve v1");
        Assert.Equal((1L, 1L, items), (view.Serving, view.Readiness!.Version, view.Readiness.NeighbourLists));
        Assert.StartsWith($"made the neighbour lists of {items} items in ", view.Readiness.Detail);
        Assert.True(view.Readiness.Seconds >= 0);
        var served = await engine.SiloService<ModelCache>(0).GetAsync();
        Assert.Null(served!.Similarity);
        Assert.Equal(items, served.Retrieval!.Neighbours.Kept); // the lists the readiness counts are the ones kept

        var registry = await Eventually.Get(Trainer.GetRegistryAsync, r => r.Silos?.SingleOrDefault()?.Readiness?.Ready == true, "readiness in the registry view");
        Assert.Equal(items, registry.Silos!.Single().Readiness!.NeighbourLists);
    }

    /// <summary>An embedding model of seeded random 8-dimension vectors and no k-NN table, as trained beyond the dense range.</summary>
    private static LiveModel EmbeddingWithoutTable(int items)
    {
        var random = new Random(7);
        var vectors = Enumerable.Range(0, items * 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var tower = new EmbeddingTower(8, vectors, [], []);
        var embedding = EmbeddingModel.FromTowers(new EmbeddingTowers(tower, tower), ContentGrains.Core.Embeddings.ItemMetadata.None(items));
        return new LiveModel("default", 1, DateTimeOffset.UtcNow, Enumerable.Range(0, items).Select(i => $"v{i}").ToList(), embedding, similarity: null);
    }
}
