using ContentGrains.Abstractions;
using ContentGrains.Testing;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// The fallback for a retirement push a silo never got: its poll of the click trainer (every second here) answers no
/// champion, and the silo drops the retired model. Without it a silo that missed the push would serve the retired
/// champion until the next champion or its own restart.
/// </summary>
public sealed class ClickRetirementPollingTests : IAsyncLifetime
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;
    private IGrainFactory Grains => engine.Grains;
    private ITrainerGrain ClickTrainer => Grains.GetGrain<ITrainerGrain>("click");

    public async Task InitializeAsync() => engine = await ClickRetirementWorld.StartWithChampionAsync(folder, Refresh);

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task A_silo_that_missed_the_retirement_push_drops_the_retired_champion_at_its_next_poll()
    {
        await ClickRetirementWorld.RetireV1Async(Grains);
        await Eventually.Get(ClickTrainer.GetRegistryAsync, r => r.Silos!.Count(s => s.Serving is null) == 2, "both silos serving no click model");

        // The cpu silo is put back where a silo whose retirement message was lost stands: serving v1 (the load of a
        // pushed v1), while the trainer has no champion. No push follows; only the silo's own poll can correct it.
        var cpu = engine.SiloService<ClickModelCache>(1);
        await cpu.SwapToAsync("click", 1);
        Assert.Equal(1, cpu.Report().Serving); // read without Current, which would start a poll
        await Eventually.Get(ClickTrainer.GetRegistryAsync, r => r.Silos!.Single(s => s.Silo == engine.SiloNames[1]).Serving == 1,
            "the cpu silo reporting click v1 again");

        // Each read of Current is what a feed on this silo does (UserGrain, CurrentOf its tenant): it starts a poll once
        // the last one is a refresh old. The 10 s bound is the refresh plus room for a loaded machine.
        await Eventually.Get(() => Task.FromResult(cpu.Current), model => model is null, "the cpu silo dropping v1 at a poll", timeoutMs: 10_000);
        var registry = await Eventually.Get(ClickTrainer.GetRegistryAsync, r => r.Silos!.All(s => s.Serving is null), "the cpu silo reporting no click model");
        Assert.Equal(2, registry.Silos!.Count);
        Assert.Null(registry.Champion);
        Assert.Null(engine.SiloService<ClickModelCache>(0).Current); // the gpu silo, which got the push, stays without one
    }
}
