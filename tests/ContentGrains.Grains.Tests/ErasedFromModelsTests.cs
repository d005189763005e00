using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Testing;
using ContentGrains.Training;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// A model trained after a deletion holds no trace of the person: BPR keeps a factor row per person it was trained on,
/// so the artifact itself is read back and its rows counted, and the item only that person touched is gone from it.
/// </summary>
public sealed class ErasedFromModelsTests : IAsyncLifetime
{
    private const string Loner = "loner-5d1e";
    private const string LonerItem = "loner-item";
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;

    public async Task InitializeAsync()
    {
        // The gate would judge the smaller model against the champion; here only what the model holds matters.
        engine = await EngineCluster.StartAsync(folder, configure: o => o.Training.GateTolerance = 1);
        await ClusteredAudience.LoadAsync(engine.Grains);
        Assert.Empty(await engine.Grains.GetGrain<IItemGrain>(LonerItem).PutAsync(Item("Only the loner's", "topic9")));
        var lonerEvents = Enumerable.Range(0, 3).Select(k => E($"loner-{k}", Loner, k == 0 ? LonerItem : ClusteredAudience.ItemId(0, k), "like")).ToList();
        Assert.Equal(3, (await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync(lonerEvents)).Accepted);
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task A_bpr_model_trained_after_the_deletion_has_no_row_for_the_person_nor_their_lone_item()
    {
        var people = ClusteredAudience.People.Count;
        var before = await TrainingJobs.TrainAsync(engine.Grains, BprModel.KindName);
        var (beforeItems, beforeRows) = await ArtifactAsync(before.Version);
        Assert.Equal((people + 1, people + 1), (before.Users, beforeRows));
        Assert.Contains(LonerItem, beforeItems);

        Assert.Equal(3, (await engine.Grains.GetGrain<IUserPrivacyGrain>(Loner).EraseAsync("ops")).EventsErased);

        var after = await TrainingJobs.TrainAsync(engine.Grains, BprModel.KindName);
        var (afterItems, afterRows) = await ArtifactAsync(after.Version);
        Assert.Equal((people, people), (after.Users, afterRows));
        Assert.Equal(before.EventsRead - 3, after.EventsRead);
        Assert.DoesNotContain(LonerItem, afterItems);
        Assert.Equal(beforeItems.Count - 1, afterItems.Count);
    }

    /// <summary>The stored artifact of a version: its item ids and the number of person rows of its BPR factors.</summary>
    private async Task<(IReadOnlyList<string> Items, int PersonRows)> ArtifactAsync(long version)
    {
        var bytes = await engine.SiloService<IModelStore>(0).LoadAsync("default", version);
        var model = LiveModel.FromBytes(bytes!);
        return (model.ItemIds, Assert.IsType<BprModel>(model.Scorer).UserCount);
    }
}
