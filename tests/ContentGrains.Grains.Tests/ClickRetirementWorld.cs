using ContentGrains.Abstractions;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// The start the click retirement tests share, on two silos (gpu, cpu) and <see cref="ExposureClickWorld"/>: 24 hours of
/// clicks on the rarely shown items, from which click v1 is trained, accepted and served on both silos; then 8 hours of
/// clicks on the often shown ones, so that the next click training retires v1 (the weighted ranking beats it on the newest feeds).
/// </summary>
public static class ClickRetirementWorld
{
    /// <param name="modelRefresh">How often each silo polls the click trainer for its champion.</param>
    public static async Task<EngineCluster> StartWithChampionAsync(TempDirectory folder, TimeSpan modelRefresh)
    {
        var engine = await EngineCluster.StartSilosAsync(folder, ["gpu", "cpu"], o => o.ModelRefresh = modelRefresh);
        var grains = engine.Grains;
        var items = Enumerable.Range(0, ExposureClickWorld.Items)
            .Select(i => new ItemUpsert(ExposureClickWorld.ItemId(i), Item(ExposureClickWorld.ItemTitle(i), ExposureClickWorld.ItemTag(i)))).ToList();
        Assert.Equal(ExposureClickWorld.Items, (await grains.GetGrain<IItemImportGrain>(0).PutManyAsync(items)).Stored);
        await IngestAsync(grains, ExposureClickWorld.Phase("top", Now.AddHours(-40), hours: 24, rareItemsClicked: true, seed: 2));
        var v1 = await TrainingJobs.TrainAsync(grains, null, "click");
        Assert.Equal((1L, "accepted"), (v1.Version, v1.Status));
        await BothSilosServeAsync(grains, 1);
        Assert.Equal("heuristic-v1+click-v1", (await grains.GetGrain<IUserGrain>("newcomer").GetFeedAsync(6, null)).Model);
        // The clicks move to the often shown items for the last 8 hours: the newest held-out feeds are all of this phase.
        await IngestAsync(grains, ExposureClickWorld.Phase("bottom", Now.AddHours(-14), hours: 8, rareItemsClicked: false, seed: 3));
        return engine;
    }

    /// <summary>Runs the click training that retires v1, and checks that it did.</summary>
    public static async Task<TrainingJobView> RetireV1Async(IGrainFactory grains)
    {
        var job = await TrainingJobs.RunAsync(grains, null, "click");
        Assert.Equal(("rejected", 2L), (job.Status, job.Version));
        Assert.Contains($"champion v1 retired: {ExposureClickWorld.RetiredReason}", job.Reason);
        return job;
    }

    public static async Task IngestAsync(IGrainFactory grains, List<ExposureClickWorld.LoggedEvent> events)
    {
        foreach (var chunk in events.Chunk(500))
        {
            var batch = chunk.Select(e => new InteractionEvent { EventId = e.Id, UserId = e.UserId, ItemId = e.ItemId, Type = e.Type, Timestamp = e.At, Channel = "web" }).ToList();
            Assert.Equal(batch.Count, (await grains.GetGrain<IIngestGrain>(0).IngestAsync(batch)).Accepted);
        }
    }

    public static async Task BothSilosServeAsync(IGrainFactory grains, long version) =>
        await Eventually.Get(grains.GetGrain<ITrainerGrain>("click").GetRegistryAsync, r => r.Silos!.Count(s => s.Serving == version) == 2,
            $"both silos serving click v{version}");
}
