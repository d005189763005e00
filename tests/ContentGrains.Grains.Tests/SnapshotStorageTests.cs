using ContentGrains.Abstractions;
using ContentGrains.Testing;
using Microsoft.Data.Sqlite;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// The embedded store's grain snapshots (cg_snapshots, written in groups): a grain whose state has not changed since
/// its last snapshot writes none on deactivation, and a data folder whose snapshots Orleans' ADO.NET provider wrote
/// (OrleansStorage) still reads, moves its grains to cg_snapshots on their next write, and loses both rows on an erasure.
/// </summary>
public sealed class SnapshotStorageTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Ten events each for user0..user2 on m1 (five views, five impressions each).</summary>
    private static async Task IngestAsync(EngineCluster engine, string prefix, int count = 30)
    {
        var events = Enumerable.Range(0, count).Select(i => E($"{prefix}{i}", $"user{i % 3}", "m1", i % 2 == 0 ? "view" : "impression")).ToList();
        Assert.Equal(count, (await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync(events)).Accepted);
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection(folder.SqliteConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? -1L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private long Version(string grainId) => Scalar($"SELECT coalesce((SELECT version FROM cg_snapshots WHERE grain_id = '{grainId}'), 0)");

    [Fact]
    public async Task An_unchanged_state_is_not_written_again_and_a_changed_one_is()
    {
        await using (var engine = await EngineCluster.StartAsync(folder, snapshotEveryEvents: 10))
        {
            Assert.Empty(await engine.Grains.GetGrain<IItemGrain>("m1").PutAsync(Item("M1", "drama")));
            await IngestAsync(engine, "a");
            Assert.Equal(1L, Version("user/user0")); // ten events: one snapshot, written while active
            await engine.Grains.GetGrain<IUserGrain>("user0").GetProfileAsync();
            await engine.Grains.GetGrain<IUserGrain>("user0").GetFeedAsync(5, null);
        } // the silo stops: every grain deactivates, none with unsaved events
        Assert.Equal(1L, Version("user/user0"));
        Assert.Equal(3L, Scalar("SELECT count(*) FROM cg_snapshots WHERE grain_id LIKE 'user/%'"));

        // One unsaved event: by default left to the log on deactivation (fewer than SnapshotTimerMinEvents, as the timer
        // leaves it; RestartTests has that case); with a minimum of 1 it is written on deactivation.
        await using (var engine = await EngineCluster.StartAsync(folder, snapshotEveryEvents: 10, o => o.SnapshotTimerMinEvents = 1))
            Assert.Equal(1, (await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync([E("b0", "user0", "m1", "click")])).Accepted);
        Assert.Equal(2L, Version("user/user0"));
        Assert.Equal(1L, Version("user/user1"));
    }

    [Fact]
    public async Task Snapshots_written_by_the_ADO_NET_provider_still_read_then_move_and_an_erasure_deletes_both()
    {
        await using (var old = await EngineCluster.StartWithLegacySnapshotsAsync(folder, snapshotEveryEvents: 10))
        {
            Assert.Empty(await old.Grains.GetGrain<IItemGrain>("m1").PutAsync(Item("M1", "drama")));
            await IngestAsync(old, "a");
        }
        Assert.Equal(3L, Scalar("SELECT count(*) FROM OrleansStorage WHERE GrainTypeString = 'user'"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM cg_snapshots"));
        // user0's events leave the log: what the engine knows of them now comes from the old snapshot alone.
        Assert.Equal(10L, Scalar("SELECT count(*) FROM cg_events WHERE user_id = 'user0'"));
        Scalar("DELETE FROM cg_events WHERE user_id = 'user0'");

        await using var engine = await EngineCluster.StartAsync(folder, snapshotEveryEvents: 10);
        var profile = await engine.Grains.GetGrain<IUserGrain>("user0").GetProfileAsync();
        Assert.Equal((5L, 5L), (profile.EventCounts["view"], profile.EventCounts["impression"]));

        await IngestAsync(engine, "b"); // ten more each: due, written to cg_snapshots
        Assert.Equal(1L, Version("user/user0"));
        profile = await engine.Grains.GetGrain<IUserGrain>("user0").GetProfileAsync();
        Assert.Equal((10L, 10L), (profile.EventCounts["view"], profile.EventCounts["impression"]));

        var erasure = await engine.Grains.GetGrain<IUserPrivacyGrain>("user1").EraseAsync("ops");
        Assert.True(erasure.SnapshotErased);
        Assert.Equal(0L, Scalar("SELECT count(*) FROM cg_snapshots WHERE grain_id = 'user/user1'"));
        Assert.Equal(2L, Scalar("SELECT count(*) FROM OrleansStorage WHERE GrainTypeString = 'user'")); // user1's old row is gone too
    }
}
