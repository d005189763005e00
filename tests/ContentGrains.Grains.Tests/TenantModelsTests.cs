using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// Models are each tenant's own: the default tenant, "acme" and "beta" each log events (with the same caller ids) and
/// train under their own registry ("default", "acme/default", "beta/default"). Each training reads only its tenant's
/// rows, each registry holds only its own versions, each tenant's feed is scored by its own champion, and a rollback in
/// one tenant leaves the others' champions alone.
/// </summary>
public sealed class TenantModelsTests : IAsyncLifetime
{
    // People and items per tenant, and events per person: different sizes, so a read of another tenant's rows shows.
    private static readonly (string Tenant, int People, int Items, int PerPerson)[] Tenants = [("", 30, 40, 6), ("acme", 20, 30, 5), ("beta", 10, 15, 4)];
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineCluster.StartAsync(folder, configure: o =>
        {
            o.Training.GateTolerance = 1;          // every version passes the gate
            o.Training.RetrainAfterEvents = 500;   // a trainer's reminder retrains after 500 new events of its tenant…
            o.Training.CheckInterval = EngineCluster.TestReminderCheck; // …checked every few seconds here
        });
        foreach (var (tenant, people, items, perPerson) in Tenants) await IngestAsync(tenant, people, items, 0, perPerson);
    }

    private async Task IngestAsync(string tenant, int people, int items, int first, int perPerson)
    {
        var events = Enumerable.Range(0, people).SelectMany(u => Enumerable.Range(first, perPerson)
            .Select(k => E($"u{u}-{k}", $"u{u}", $"i{(u * 7 + k * 13) % items}", "view"))).ToList();
        foreach (var batch in events.Chunk(ContentGrainsNames.MaxEventsPerBatch))
            Assert.Equal(batch.Length, (await engine.Grains.GetGrain<IIngestGrain>(0).IngestForAsync(tenant, batch)).Accepted); // dedupe is per tenant
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    private static string Registry(string tenant) => Core.Tenants.TenantKeys.Qualify(tenant, "default");

    [Fact]
    public async Task Each_tenant_trains_on_its_own_rows_and_each_feed_names_its_own_tenants_champion()
    {
        var owner = await TrainingJobs.TrainAsync(engine.Grains, "pop");
        await TrainingJobs.TrainAsync(engine.Grains, "pop", Registry("acme"));
        var acme = await TrainingJobs.TrainAsync(engine.Grains, "pop", Registry("acme"));
        var beta = await TrainingJobs.TrainAsync(engine.Grains, "itemknn", Registry("beta"));

        Assert.Equal(("default", 1L, 30 * 6L, 30), (owner.Name, owner.Version, owner.EventsRead, owner.Users));
        Assert.Equal(("acme/default", 2L, 20 * 5L, 20), (acme.Name, acme.Version, acme.EventsRead, acme.Users));
        Assert.Equal(("beta/default", 1L, 10 * 4L, 10, "itemknn"), (beta.Name, beta.Version, beta.EventsRead, beta.Users, beta.Kind));
        Assert.Equal([1L], (await engine.Grains.GetGrain<ITrainerGrain>("default").GetRegistryAsync()).Versions.Select(v => v.Version));
        Assert.Equal([1L, 2L], (await engine.Grains.GetGrain<ITrainerGrain>("acme/default").GetRegistryAsync()).Versions.Select(v => v.Version).Order());

        await FeedServedByAsync("", "u1", new ServedModel("default", 1, "pop"));
        var acmeFeed = await FeedServedByAsync("acme", "u1", new ServedModel("acme/default", 2, "pop"));
        var betaFeed = await FeedServedByAsync("beta", "u1", new ServedModel("beta/default", 1, "itemknn"));
        Assert.All(acmeFeed.Items, i => Assert.StartsWith("acme/", i.ItemId));
        Assert.All(betaFeed.Items, i => Assert.StartsWith("beta/", i.ItemId));

        // The silo holds one slot per tenant it served; a tenant's model carries only its own items.
        var models = engine.SiloService<ModelCache>(0);
        Assert.All((await models.GetAsync("acme"))!.ItemIds, id => Assert.StartsWith("acme/", id));
        Assert.DoesNotContain((await models.GetAsync())!.ItemIds, id => id.Contains('/'));

        // A rollback in acme is acme's: its feeds go back to v1, the others' champions stay.
        Assert.Equal((1L, 1L), ((await engine.Grains.GetGrain<ITrainerGrain>("acme/default").SetChampionAsync(1)).Champion,
            (await engine.Grains.GetGrain<ITrainerGrain>("acme/default").GetRegistryAsync()).Pinned));
        await FeedServedByAsync("acme", "u2", new ServedModel("acme/default", 1, "pop"));
        await FeedServedByAsync("", "u2", new ServedModel("default", 1, "pop"));
        Assert.Null((await engine.Grains.GetGrain<ITrainerGrain>("default").GetRegistryAsync()).Pinned);
        Assert.Equal(1, await engine.Grains.GetGrain<ITrainerGrain>("beta/default").GetChampionAsync());
    }

    [Fact]
    public async Task A_tenant_without_a_trained_model_gets_the_heuristic_feed_while_another_tenant_has_a_champion()
    {
        await TrainingJobs.TrainAsync(engine.Grains, "pop", Registry("acme"));
        await FeedServedByAsync("acme", "u3", new ServedModel("acme/default", 1, "pop"));
        var beta = await engine.Grains.GetGrain<IUserGrain>(Core.Tenants.TenantKeys.Qualify("beta", "u3")).GetFeedAsync(10, null);
        Assert.Empty(beta.Models!);
        Assert.Null(await engine.Grains.GetGrain<ITrainerGrain>("default").GetChampionAsync());
    }

    /// <summary>
    /// The scheduled retrain is per tenant: each trainer's reminder counts its own tenant's new rows, so acme's 600 new
    /// events retrain acme and not the default tenant (which would retrain if it counted the whole log).
    /// </summary>
    [Fact]
    public async Task A_tenants_new_events_retrain_that_tenant_on_schedule_and_no_other()
    {
        await TrainingJobs.TrainAsync(engine.Grains, "pop");
        await TrainingJobs.TrainAsync(engine.Grains, "pop", Registry("acme"));
        await IngestAsync("acme", 20, 30, 5, 30); // 600 new events of acme's

        var acme = engine.Grains.GetGrain<ITrainerGrain>(Registry("acme"));
        var retrained = await Eventually.Get(acme.GetRegistryAsync, r => r.Versions.Count == 2 && r.Champion == 2, "acme's scheduled retrain", timeoutMs: 120_000);
        Assert.Equal(20 * 35L, retrained.Versions.Single(v => v.Version == 2).EventsRead);
        await Task.Delay(5 * EngineCluster.TestReminderCheck); // past the default tenant's next reminder ticks
        Assert.Equal([1L], (await engine.Grains.GetGrain<ITrainerGrain>("default").GetRegistryAsync()).Versions.Select(v => v.Version));
    }

    private async Task<Feed> FeedServedByAsync(string tenant, string person, ServedModel expected) =>
        await Eventually.Get(() => engine.Grains.GetGrain<IUserGrain>(Core.Tenants.TenantKeys.Qualify(tenant, person)).GetFeedAsync(10, null),
            f => f.Models is { Count: 1 } m && m[0] == expected, $"{(tenant.Length == 0 ? "the default tenant" : tenant)}'s feed served by {expected}");
}
