using ContentGrains.Abstractions;
using ContentGrains.Testing;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// A click champion the weighted ranking beats is retired, on two silos (gpu, cpu): the world's clicks follow how often an
/// item is shown (<see cref="ExposureClickWorld"/>): first the rarely shown items, then the often shown ones. The first
/// model learns that and beats the ranking (which counts clicks, not impressions); after the switch the ranking beats it on the newest held-out feeds, and the next
/// candidate, trained mostly on the first phase, is rejected. Polling is set to an hour, so only the push can reach a silo
/// (the restart test's second engine polls on every feed; <see cref="ClickRetirementPollingTests"/> tests the poll).
/// </summary>
public sealed class ClickChampionRetirementTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;
    private IGrainFactory Grains => engine.Grains;
    private ITrainerGrain ClickTrainer => Grains.GetGrain<ITrainerGrain>("click");

    public async Task InitializeAsync() =>
        engine = await ClickRetirementWorld.StartWithChampionAsync(folder, modelRefresh: TimeSpan.FromHours(1));

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task A_champion_the_ranking_beats_is_retired_every_silo_drops_it_and_the_registry_says_why()
    {
        await ClickRetirementWorld.RetireV1Async(Grains);

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

    [Fact]
    public async Task A_retirement_survives_a_restart_of_the_engine_on_its_store()
    {
        await ClickRetirementWorld.RetireV1Async(Grains);
        await engine.DisposeAsync();

        // The same store, polling on every feed: had the trainer come back with v1 as champion (its retirement lost),
        // the silos would load v1 at their first poll (they serve nothing after a start) and feeds would name it.
        engine = await EngineCluster.StartSilosAsync(folder, ["gpu", "cpu"], o => o.ModelRefresh = TimeSpan.Zero);
        var registry = await ClickTrainer.GetRegistryAsync();
        Assert.Null(registry.Champion);
        Assert.Null(await ClickTrainer.GetChampionAsync());
        // TrainerState.Retired and RetiredLast read back: the version is still shown retired, and the registry says why it has no champion.
        Assert.StartsWith($"no champion: v1 was retired ({ExposureClickWorld.RetiredReason}", registry.ChampionReason);
        var v1 = registry.Versions.Single(v => v.Version == 1);
        Assert.Equal(("retired", false), (v1.Status, v1.Champion));
        Assert.Contains($"; retired as champion: {ExposureClickWorld.RetiredReason}", v1.Reason);
        Assert.Equal("rejected", registry.Versions.Single(v => v.Version == 2).Status);

        // Three seconds of feeds and polls on both silos (a lost retirement shows v1 within the first second).
        var clickModels = Enumerable.Range(0, 2).Select(engine.SiloService<ClickModelCache>).ToList();
        for (var i = 0; i < 20; i++)
        {
            var feed = await Grains.GetGrain<IUserGrain>("newcomer").GetFeedAsync(6, null);
            Assert.Equal("heuristic-v1", feed.Model);
            Assert.Empty(feed.Models!);
            Assert.All(clickModels, silo => Assert.Null(silo.Current)); // each read starts the silo's poll when none runs
            await Task.Delay(150);
        }
        Assert.DoesNotContain((await ClickTrainer.GetRegistryAsync()).Silos!, s => s.Serving is not null);
    }

    private Task BothSilosServeAsync(long version) => ClickRetirementWorld.BothSilosServeAsync(Grains, version);
}
