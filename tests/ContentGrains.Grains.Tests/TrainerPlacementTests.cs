using ContentGrains.Abstractions;
using ContentGrains.Testing;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace ContentGrains.Grains.Tests;

/// <summary>The trainer follows the gpu role in silo metadata, not the silo order, and falls back only when allowed.</summary>
public sealed class TrainerPlacementTests
{
    [Fact]
    public async Task The_trainer_activates_on_the_gpu_silo_whichever_it_is()
    {
        using var folder = new TempDirectory();
        await using var engine = await EngineCluster.StartSilosAsync(folder, ["cpu", "gpu", "cpu"]);
        // Each silo learns the others' metadata a moment after they join; a trainer placed before that falls back to any
        // silo (FallbackToAnySilo) and stays there. CI caught one of six placed so.
        var gpu = engine.Cluster.Silos[1].SiloAddress;
        for (var silo = 0; silo < 3; silo++)
        {
            var metadata = engine.SiloService<ISiloMetadataCache>(silo);
            await Eventually.Get(() => Task.FromResult(metadata.GetSiloMetadata(gpu).Metadata.GetValueOrDefault(TrainerSiloFilterDirector.RoleKey)),
                role => role == "gpu", $"silo {silo} knowing the gpu silo's role");
        }
        for (var model = 0; model < 6; model++) await engine.Grains.GetGrain<ITrainerGrain>($"model-{model}").GetChampionAsync();

        var statistics = await engine.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var trainerSilos = statistics.Where(s => s.GrainId.Type.ToString() == "trainer").Select(s => s.SiloAddress).ToList();
        Assert.Equal(6, trainerSilos.Count);
        Assert.All(trainerSilos, silo => Assert.Equal(engine.Cluster.Silos[1].SiloAddress, silo));
    }

    [Fact]
    public async Task A_trainer_that_fell_back_moves_to_a_gpu_silo_that_joins_later_keeping_its_champion()
    {
        using var folder = new TempDirectory();
        await using var engine = await EngineCluster.StartSilosAsync(folder, ["cpu", "gpu"], o => o.Training.PlacementCheck = TimeSpan.FromMilliseconds(300), startFirst: 1);
        var events = Enumerable.Range(0, 40).Select(k => Events.E($"e{k}", $"u{k % 8}", $"i{k % 5}", "view")).ToList();
        Assert.Equal(events.Count, (await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync(events)).Accepted);
        var trained = await TrainingJobs.TrainAsync(engine.Grains, "pop");
        var cpu = engine.Cluster.Silos[0].SiloAddress;
        Assert.Equal([cpu], await TrainerSilosAsync(engine)); // no gpu silo yet: it fell back

        await engine.StartNextSiloAsync();
        var gpu = engine.Cluster.Silos[1].SiloAddress;
        var trainer = engine.Grains.GetGrain<ITrainerGrain>("default");
        // The cpu silo's trainer sees the gpu silo's role within a placement check and leaves; the next call places it anew.
        await Eventually.Get(async () => { await trainer.GetChampionAsync(); return await TrainerSilosAsync(engine); }, silos => silos.SequenceEqual([gpu]),
            "the trainer's one activation on the gpu silo");

        Assert.Equal(trained.Version, await trainer.GetChampionAsync());
        for (var silo = 0; silo < 2; silo++) Assert.Equal(trained.Version, (await engine.SiloService<ModelCache>(silo).GetAsync(fresh: true))!.Version);
        // The moved trainer heard no swap, but each silo's poll carried its report: the registry lists both again.
        var registry = await trainer.GetRegistryAsync();
        Assert.Equal(engine.SiloNames.Order(), registry.Silos!.Select(s => s.Silo).Order());
        Assert.All(registry.Silos!, s => Assert.Equal(trained.Version, s.Serving));
    }

    /// <summary>The silos holding an activation of the default trainer.</summary>
    private static async Task<List<SiloAddress>> TrainerSilosAsync(EngineCluster engine)
    {
        var statistics = await engine.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Where(s => s.GrainId.Type.ToString() == "trainer" && s.GrainId.Key.ToString() == "default").Select(s => s.SiloAddress).ToList();
    }

    [Fact]
    public async Task Without_a_gpu_silo_the_trainer_falls_back_only_when_configured_to()
    {
        using var folder = new TempDirectory();
        await using (var fallback = await EngineCluster.StartSilosAsync(folder, ["cpu"]))
            Assert.Null(await fallback.Grains.GetGrain<ITrainerGrain>("default").GetChampionAsync());

        using var strictFolder = new TempDirectory();
        await using var strict = await EngineCluster.StartSilosAsync(strictFolder, ["cpu"], o => o.Training.FallbackToAnySilo = false);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => strict.Grains.GetGrain<ITrainerGrain>("default").GetChampionAsync());
        Assert.Contains("no active silo has role 'gpu'", error.ToString());
    }
}
