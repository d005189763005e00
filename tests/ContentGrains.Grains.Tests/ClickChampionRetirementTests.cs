using ContentGrains.Abstractions;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// A click champion the weighted ranking beats is retired, on two silos (gpu, cpu): the world's clicks follow the slot
/// (<see cref="SlotClickWorld"/>): first the top two, then the bottom two. The first model learns the top slots and
/// beats the ranking (blind to slots); after the switch the ranking beats it on the newest held-out feeds, and the next
/// candidate, trained mostly on the first phase, is rejected. Polling is set to an hour, so only the push can reach a silo.
/// </summary>
public sealed class ClickChampionRetirementTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;
    private IGrainFactory Grains => engine.Grains;
    private ITrainerGrain ClickTrainer => Grains.GetGrain<ITrainerGrain>("click");

    public async Task InitializeAsync()
    {
        engine = await EngineCluster.StartSilosAsync(folder, ["gpu", "cpu"], o => o.ModelRefresh = TimeSpan.FromHours(1));
        var items = Enumerable.Range(0, SlotClickWorld.Items)
            .Select(i => new ItemUpsert(SlotClickWorld.ItemId(i), Item($"News {i}", i % 3 == 0 ? "world" : "local"))).ToList();
        Assert.Equal(SlotClickWorld.Items, (await Grains.GetGrain<IItemImportGrain>(0).PutManyAsync(items)).Stored);
        await IngestAsync(SlotClickWorld.Phase("top", Now.AddHours(-40), hours: 24, topSlotsClicked: true, seed: 2));
        var v1 = await TrainingJobs.TrainAsync(Grains, null, "click");
        Assert.Equal((1L, "accepted"), (v1.Version, v1.Status));
        await BothSilosServeAsync(1);
        Assert.Equal("heuristic-v1+click-v1", (await Grains.GetGrain<IUserGrain>("newcomer").GetFeedAsync(6, null)).Model);
        // The clicks move to the bottom slots for the last 8 hours: the newest held-out feeds are all of this phase.
        await IngestAsync(SlotClickWorld.Phase("bottom", Now.AddHours(-14), hours: 8, topSlotsClicked: false, seed: 3));
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task A_champion_the_ranking_beats_is_retired_every_silo_drops_it_and_the_registry_says_why()
    {
        var job = await TrainingJobs.RunAsync(Grains, null, "click");

        Assert.Equal(("rejected", 2L), (job.Status, job.Version));
        Assert.Contains("champion v1 retired: heuristic-v1 beats champion v1 on the newest held-out feeds", job.Reason);
        var registry = await Eventually.Get(ClickTrainer.GetRegistryAsync, r => r.Silos!.Count(s => s.Serving is null) == 2, "both silos serving no click model");
        Assert.Null(registry.Champion);
        Assert.Null(await ClickTrainer.GetChampionAsync());
        Assert.StartsWith("no champion: v1 was retired (heuristic-v1 beats champion v1", registry.ChampionReason);
        var v1 = registry.Versions.Single(v => v.Version == 1);
        Assert.Equal(("retired", false), (v1.Status, v1.Champion));
        Assert.Contains("; retired as champion: heuristic-v1 beats champion v1", v1.Reason);
        Assert.Equal("rejected", registry.Versions.Single(v => v.Version == 2).Status);
        var feed = await Grains.GetGrain<IUserGrain>("newcomer").GetFeedAsync(6, null);
        Assert.Equal("heuristic-v1", feed.Model);
        Assert.Empty(feed.Models!);

        // An operator may still choose the retired version: it serves again, pinned, and is no longer shown as retired.
        var chosen = await ClickTrainer.SetChampionAsync(1);
        Assert.Equal((1L, 1L, null), (chosen.Champion, chosen.Pinned, chosen.ChampionReason));
        Assert.Equal("accepted", chosen.Versions.Single(v => v.Version == 1).Status);
        await BothSilosServeAsync(1);
    }

    [Fact]
    public async Task A_champion_pinned_by_an_operator_is_not_retired_and_the_job_says_so()
    {
        await ClickTrainer.SetChampionAsync(1);

        var job = await TrainingJobs.RunAsync(Grains, null, "click");

        Assert.Equal("rejected", job.Status);
        Assert.Contains("champion v1 not retired although heuristic-v1 beats champion v1", job.Reason);
        Assert.Contains("it is pinned by an operator", job.Reason);
        var registry = await ClickTrainer.GetRegistryAsync();
        Assert.Equal((1L, 1L, null), (registry.Champion, registry.Pinned, registry.ChampionReason));
        Assert.Equal("accepted", registry.Versions.Single(v => v.Version == 1).Status);
        Assert.All(registry.Silos!, s => Assert.Equal(1, s.Serving));
        Assert.Equal("heuristic-v1+click-v1", (await Grains.GetGrain<IUserGrain>("newcomer").GetFeedAsync(6, null)).Model);
    }

    private async Task IngestAsync(List<SlotClickWorld.LoggedEvent> events)
    {
        foreach (var chunk in events.Chunk(500))
        {
            var batch = chunk.Select(e => new InteractionEvent { EventId = e.Id, UserId = e.UserId, ItemId = e.ItemId, Type = e.Type, Timestamp = e.At, Channel = "web" }).ToList();
            Assert.Equal(batch.Count, (await Grains.GetGrain<IIngestGrain>(0).IngestAsync(batch)).Accepted);
        }
    }

    private async Task BothSilosServeAsync(long version) =>
        await Eventually.Get(ClickTrainer.GetRegistryAsync, r => r.Silos!.Count(s => s.Serving == version) == 2, $"both silos serving click v{version}");
}
