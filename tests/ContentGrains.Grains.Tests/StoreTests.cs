using ContentGrains.Abstractions;
using ContentGrains.Storage;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>Reminders and grain state on both real stores, across a restart of the cluster.</summary>
public sealed class StoreTests
{
    [Fact]
    public async Task Sqlite_keeps_reminders_across_a_restart()
    {
        using var folder = new TempDirectory();
        await using (var first = await EngineCluster.StartAsync(folder))
            await first.Grains.GetGrain<IReminderProbeGrain>("probe").RegisterAsync("nightly-retrain");
        await using var second = await EngineCluster.StartAsync(folder);
        Assert.Equal(["nightly-retrain"], await second.Grains.GetGrain<IReminderProbeGrain>("probe").ListAsync());
    }

    [Fact]
    public async Task Postgres_keeps_grain_state_dedupe_and_reminders_across_a_restart()
    {
        await using var database = await TestPostgres.CreateAsync();
        SchemaInstaller.ApplyPostgres(database.ConnectionString);

        await using (var first = await EngineCluster.StartPostgresAsync(database.ConnectionString))
        {
            Assert.Empty(await first.Grains.GetGrain<IItemGrain>("pg-item").PutAsync(Item("PG", "sql")));
            var result = await first.Grains.GetGrain<IIngestGrain>(0).IngestAsync([E("p1", "pg-user", "pg-item", "like"), E("p2", "pg-user", "pg-item", "view")]);
            Assert.Equal(2, result.Accepted);
            await first.Grains.GetGrain<IReminderProbeGrain>("probe").RegisterAsync("hourly-report");
        }
        // The probe's reminder (the engine's own, e.g. the topics refit, live in the same table).
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'hourly-report'"));

        await using var second = await EngineCluster.StartPostgresAsync(database.ConnectionString);
        var item = (await second.Grains.GetGrain<IItemGrain>("pg-item").GetAsync())!;
        Assert.Equal(("PG", 1L, 1L), (item.Metadata!.Title, item.Stats.Likes, item.Stats.Views));
        Assert.Equal(1, (await second.Grains.GetGrain<IUserGrain>("pg-user").GetProfileAsync()).EventCounts["like"]);
        Assert.Equal(2, (await second.Grains.GetGrain<IIngestGrain>(0).IngestAsync([E("p1", "pg-user", "pg-item", "like"), E("p2", "pg-user", "pg-item", "view")])).Duplicates);
        Assert.Equal(["hourly-report"], await second.Grains.GetGrain<IReminderProbeGrain>("probe").ListAsync());
    }
}
