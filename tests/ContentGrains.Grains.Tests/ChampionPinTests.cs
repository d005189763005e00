using ContentGrains.Abstractions;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// An operator's rollback stays: the scheduled retrain (a real reminder, due after new events) stores its version but
/// does not replace a pinned champion; once unpinned, the next accepted training does.
/// </summary>
public sealed class ChampionPinTests : IAsyncLifetime
{
    private const int Users = 100, Items = 200;
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;
    private ITrainerGrain Trainer => engine.Grains.GetGrain<ITrainerGrain>("default");

    public async Task InitializeAsync()
    {
        engine = await EngineCluster.StartAsync(folder, configure: o =>
        {
            o.Training.RetrainAfterEvents = 500; // the reminder trains after 500 new events…
            o.Training.CheckInterval = EngineCluster.TestReminderCheck; // …checked every few seconds here
            o.Training.GateTolerance = 1;        // every version passes the gate, so only the pin keeps the champion
        });
        await IngestAsync(0, 20);
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task A_rollback_stays_pinned_through_a_scheduled_retrain_until_unpinned()
    {
        await TrainingJobs.TrainAsync(engine.Grains, "ease");
        await TrainingJobs.TrainAsync(engine.Grains, "ease");
        Assert.Equal(2, (await Trainer.GetRegistryAsync()).Champion);

        var rolledBack = await Trainer.SetChampionAsync(1);
        Assert.Equal((1L, 1L), (rolledBack.Champion, rolledBack.Pinned));

        await IngestAsync(20, 8); // 800 new events: the reminder's trigger is due
        var afterSchedule = await Eventually.Get(Trainer.GetRegistryAsync, r => r.Versions.Count == 3 && r.Versions[^1].Status == "accepted",
            "the scheduled retrain to store version 3", timeoutMs: 120_000);
        Assert.Equal((1L, 1L), (afterSchedule.Champion, afterSchedule.Pinned));

        var unpinned = await Trainer.UnpinChampionAsync();
        Assert.Equal(1, unpinned.Champion);
        Assert.Null(unpinned.Pinned);
        var next = await TrainingJobs.TrainAsync(engine.Grains, "ease");
        Assert.Equal(next.Version, (await Trainer.GetRegistryAsync()).Champion);
    }

    private async Task IngestAsync(int firstEvent, int eventsPerUser)
    {
        var events = Enumerable.Range(0, Users).SelectMany(u => Enumerable.Range(firstEvent, eventsPerUser)
            .Select(k => E($"u{u}-{k}", $"u{u}", $"i{(u * 7 + k * 13) % Items}", "view"))).ToList();
        foreach (var batch in events.Chunk(ContentGrainsNames.MaxEventsPerBatch))
            Assert.Equal(batch.Length, (await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync(batch)).Accepted);
    }
}
