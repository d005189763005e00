using ContentGrains.Abstractions;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// The embedding kind in a two-silo cluster (gpu and cpu roles): trained from events and the catalog's tags, pushed to
/// both silos, each of which builds its vector index before the swap and serves feeds through it. An item stored with
/// tags and no events is in the model and reaches the feed of a person of its topic.
/// </summary>
public sealed class EmbeddingRetrievalClusterTests : IAsyncLifetime
{
    private const string ColdItem = "c3-new";
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;
    private IGrainFactory Grains => engine.Grains;

    public async Task InitializeAsync()
    {
        engine = await EngineCluster.StartSilosAsync(folder, ["gpu", "cpu"], o => o.ModelRefresh = TimeSpan.FromHours(1));
        await ClusteredAudience.LoadAsync(Grains);
        await Grains.GetGrain<IItemImportGrain>(0).PutManyAsync([new ItemUpsert(ColdItem, Item("New in topic 3", "topic3"))]);
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task Both_silos_serve_the_embedding_champion_from_their_vector_index_and_a_cold_item_is_retrieved()
    {
        var v1 = await TrainingJobs.TrainAsync(Grains, "embedding");
        Assert.Equal((1L, "accepted", "embedding"), (v1.Version, v1.Status, v1.Kind));
        Assert.Equal(ClusteredAudience.PeoplePerCluster.Length * ClusteredAudience.ItemsPerCluster + 1, v1.Items); // with the cold item

        for (var silo = 0; silo < 2; silo++)
        {
            var cache = engine.SiloService<ModelCache>(silo);
            var served = await Eventually.Get(() => cache.GetAsync().AsTask(), m => m?.Version == 1, $"silo {silo} serving v1");
            Assert.NotNull(served!.Retrieval);
            Assert.Equal(v1.Items, served.Retrieval!.Index.Count);
            Assert.NotNull(served.Similarity); // a catalog this small is in the dense range: a k-NN table, no neighbour lists
        }

        foreach (var person in Enumerable.Range(0, ClusteredAudience.PeoplePerCluster[3]).Select(p => $"c3-p{p}"))
        {
            var feed = await Grains.GetGrain<IUserGrain>(person).GetFeedAsync(10, null);
            Assert.Equal([new ServedModel("default", 1, "embedding")], feed.Models);
            Assert.Contains(ColdItem, feed.Items.Select(i => i.ItemId));
        }
        // Item-to-item came from the k-NN table, so neither silo made neighbour lists, at load or on an ask.
        for (var silo = 0; silo < 2; silo++)
            Assert.Equal(0, (await engine.SiloService<ModelCache>(silo).GetAsync())!.Retrieval!.Neighbours.Kept);
    }
}
