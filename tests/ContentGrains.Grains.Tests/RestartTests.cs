using ContentGrains.Abstractions;
using ContentGrains.Testing;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>State survives a restart of the silo on the same SQLite file, from snapshots and from the log alone.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private static async Task SeedAsync(EngineCluster engine)
    {
        Assert.Empty(await engine.Grains.GetGrain<IItemGrain>("m1").PutAsync(Item("M1", "drama")));
        var events = Enumerable.Range(0, 30).Select(i => E($"r{i}", $"user{i % 3}", "m1", i % 2 == 0 ? "view" : "impression")).ToList();
        var result = await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync(events);
        Assert.Equal(30, result.Accepted);
    }

    private static async Task AssertIntactAsync(EngineCluster engine)
    {
        var item = (await engine.Grains.GetGrain<IItemGrain>("m1").GetAsync())!;
        Assert.Equal("M1", item.Metadata!.Title);
        Assert.Equal((15, 15), (item.Stats.Views, item.Stats.Impressions));
        var profile = await engine.Grains.GetGrain<IUserGrain>("user0").GetProfileAsync();
        Assert.Equal(5, profile.EventCounts["view"]);
        Assert.Equal(5, profile.EventCounts["impression"]);
        Assert.True(profile.Interests["drama"] > 4.9);
        // The dedupe also survived: sending the first event again changes nothing.
        var again = await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync([E("r0", "user0", "m1", "view")]);
        Assert.Equal(1, again.Duplicates);
        Assert.Equal(15, (await engine.Grains.GetGrain<IItemGrain>("m1").GetAsync())!.Stats.Views);
    }

    [Fact]
    public async Task Profiles_counters_and_dedupe_survive_a_restart()
    {
        await using (var first = await EngineCluster.StartAsync(folder)) await SeedAsync(first);
        await using var second = await EngineCluster.StartAsync(folder);
        await AssertIntactAsync(second);
    }

    [Fact]
    public async Task Without_any_snapshot_the_log_alone_rebuilds_the_state()
    {
        await using (var first = await EngineCluster.StartAsync(folder)) await SeedAsync(first);
        // Drop every user snapshot, as if the silo had died before writing them.
        using (var connection = new SqliteConnection(folder.SqliteConnectionString))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM cg_snapshots WHERE grain_id LIKE 'user/%'";
            delete.ExecuteNonQuery();
            delete.CommandText = "SELECT count(*) FROM cg_snapshots WHERE grain_id LIKE 'user/%'";
            Assert.Equal(0L, delete.ExecuteScalar());
        }
        await using var second = await EngineCluster.StartAsync(folder);
        await AssertIntactAsync(second);
    }

    [Fact]
    public async Task Snapshots_are_written_every_N_events()
    {
        await using var engine = await EngineCluster.StartAsync(folder, snapshotEveryEvents: 10);
        await SeedAsync(engine);
        using var connection = new SqliteConnection(folder.SqliteConnectionString);
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM cg_snapshots WHERE grain_id LIKE 'user/%'";
        // Each of the three users applied ten events: each wrote one snapshot while still active.
        Assert.Equal(3L, count.ExecuteScalar());
    }

    [Fact]
    public async Task Unsaved_events_are_written_by_the_silos_snapshot_timer_and_the_state_survives_a_restart()
    {
        // Ten events each: far from 200, so only the timer writes them, and at its minimum of 10 unsaved events it does.
        await using (var first = await EngineCluster.StartAsync(folder, snapshotEveryEvents: 200, o => (o.SnapshotInterval, o.SnapshotTimerMinEvents) = (TimeSpan.FromSeconds(1), 10)))
        {
            await SeedAsync(first);
            // SnapshotTimers fires within 0.5-1.5 intervals and calls each grain, which writes its snapshot while still active.
            var rows = await Eventually.Get(() => Task.FromResult(UserSnapshotRows()), n => n == 3, "three user snapshots written by the timer");
            Assert.Equal(3L, rows);
            var written = UserSnapshotVersions();
            await Task.Delay(TimeSpan.FromSeconds(3)); // clean grains arm no timer: nothing is written again
            Assert.Equal(written, UserSnapshotVersions());
        }
        await using var second = await EngineCluster.StartAsync(folder);
        await AssertIntactAsync(second);
    }

    [Fact]
    public async Task An_items_unsaved_events_are_written_by_the_silos_snapshot_timer_and_survive_a_restart()
    {
        // The item's PUT writes its snapshot; its 30 events after it are far from 200, so only the timer writes them.
        await using (var first = await EngineCluster.StartAsync(folder, snapshotEveryEvents: 200, o => (o.SnapshotInterval, o.SnapshotTimerMinEvents) = (TimeSpan.FromSeconds(1), 10)))
        {
            Assert.Empty(await first.Grains.GetGrain<IItemGrain>("m1").PutAsync(Item("M1", "drama")));
            var afterPut = ItemSnapshotVersion();
            Assert.NotNull(afterPut);
            var events = Enumerable.Range(0, 30).Select(i => E($"r{i}", $"user{i % 3}", "m1", i % 2 == 0 ? "view" : "impression")).ToList();
            Assert.Equal(30, (await first.Grains.GetGrain<IIngestGrain>(0).IngestAsync(events)).Accepted);
            // SnapshotTimers (the silo's, not a grain timer) fires within 0.5-1.5 intervals and calls the item grain.
            var written = await Eventually.Get(() => Task.FromResult(ItemSnapshotVersion()), v => v != afterPut, "the item's snapshot written by the timer");
            await Task.Delay(TimeSpan.FromSeconds(3)); // a clean item arms no timer: nothing is written again
            Assert.Equal(written, ItemSnapshotVersion());
        }
        // Drop the log's events: only the timer's snapshot can hold the counts now.
        using (var connection = new SqliteConnection(folder.SqliteConnectionString))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM cg_events";
            delete.ExecuteNonQuery();
        }
        await using var second = await EngineCluster.StartAsync(folder);
        var item = (await second.Grains.GetGrain<IItemGrain>("m1").GetAsync())!;
        Assert.Equal((15, 15), (item.Stats.Views, item.Stats.Impressions));
    }

    [Fact]
    public async Task Idle_collection_writes_only_grains_with_the_timers_minimum_and_the_rest_come_back_from_the_log()
    {
        // People with 10 unsaved events each (below the minimum of 16) and an item with 30 (above it); no timer fires
        // within the test (an hour), so only the deactivation could write.
        await using var engine = await EngineCluster.StartAsync(folder, snapshotEveryEvents: 200, o => (o.SnapshotInterval, o.SnapshotTimerMinEvents) = (TimeSpan.FromHours(1), 16));
        await SeedAsync(engine);
        var afterPut = ItemSnapshotVersion();
        var management = engine.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Eventually.Get(async () => (await management.GetDetailedGrainStatistics()).Count(s => s.GrainId.ToString().StartsWith("user/", StringComparison.Ordinal)),
            n => n == 0, "every person deactivated");

        Assert.Equal(0L, UserSnapshotRows()); // ten events each: left to the log
        Assert.NotEqual(afterPut, ItemSnapshotVersion()); // thirty: written as it went idle
        await AssertIntactAsync(engine); // reactivated from the log alone (people) and from the snapshot (the item)
    }

    private string? ItemSnapshotVersion() => Scalar("SELECT version FROM cg_snapshots WHERE grain_id LIKE 'item/%m1'")?.ToString();

    private long UserSnapshotRows() => (long)Scalar("SELECT count(*) FROM cg_snapshots WHERE grain_id LIKE 'user/%'")!;

    private string UserSnapshotVersions() => (string)Scalar("SELECT group_concat(version) FROM (SELECT version FROM cg_snapshots WHERE grain_id LIKE 'user/%' ORDER BY grain_id)")!;

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection(folder.SqliteConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
