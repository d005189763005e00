using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;

namespace ContentGrains.Storage.Tests;

/// <summary>
/// The embedded store's grain snapshots (cg_snapshots): many writes share one transaction and one turn at the write
/// gate, each still answers on its own (its new version, or null on a stale version), and a deleted snapshot is gone.
/// </summary>
public sealed class SnapshotStoreTests : IAsyncLifetime
{
    private readonly Testing.TempDirectory folder = new();
    private readonly SqliteWriteGate gate = new();
    private SqliteSnapshotStore store = null!;

    public Task InitializeAsync()
    {
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString);
        store = new SqliteSnapshotStore(folder.SqliteConnectionString, gate, fullSync: false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    private static byte[] Payload(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Writes_waiting_together_commit_in_one_turn_at_the_gate_and_read_back()
    {
        using var turns = new SnapshotTurns();
        Task<long?>[] writes;
        using (await gate.EnterAsync()) // the log holds the gate: 200 grains' snapshots queue up behind it
        {
            writes = Enumerable.Range(0, 200).Select(i => store.WriteAsync(new($"user/u{i}", "user", Payload($"state {i}"), null))).ToArray();
            await Task.Delay(200);
        }
        var versions = await Task.WhenAll(writes);

        Assert.All(versions, v => Assert.Equal(1L, v));
        // At most one group was taken before the gate was let go (the first write alone), then one for the rest.
        Assert.InRange(turns.Count, 1, 2);
        var read = await store.ReadAsync("user/u137", "user");
        Assert.Equal("state 137", System.Text.Encoding.UTF8.GetString(read!.Payload));
        Assert.Equal(1L, read.Version);
        Assert.Null(await store.ReadAsync("user/u200", "user"));
    }

    [Fact]
    public async Task A_write_of_a_stale_version_is_refused_alone_and_changes_nothing()
    {
        Assert.Equal(1L, await store.WriteAsync(new("item/m1", "item", Payload("a"), null)));
        Assert.Equal(2L, await store.WriteAsync(new("item/m1", "item", Payload("b"), 1)));

        var stale = store.WriteAsync(new("item/m1", "item", Payload("stale"), 1));   // read at version 1, another wrote 2
        var twice = store.WriteAsync(new("item/m1", "item", Payload("insert"), null)); // "never written", but it was
        var other = store.WriteAsync(new("item/m2", "item", Payload("m2"), null));

        Assert.Null(await stale);
        Assert.Null(await twice);
        Assert.Equal(1L, await other); // the group's other writes are not failed by the refused ones
        var read = await store.ReadAsync("item/m1", "item");
        Assert.Equal(("b", 2L), (System.Text.Encoding.UTF8.GetString(read!.Payload), read.Version));
    }

    [Fact]
    public async Task A_deleted_snapshot_is_gone_and_a_later_write_starts_again_at_version_1()
    {
        await store.WriteAsync(new("user/ann", "user", Payload("ann"), null));
        Assert.True(await store.DeleteAsync("user/ann", "user"));
        Assert.False(await store.DeleteAsync("user/ann", "user"));
        Assert.Null(await store.ReadAsync("user/ann", "user"));
        Assert.Equal(1L, await store.WriteAsync(new("user/ann", "user", Payload("again"), null)));
    }

    [Fact]
    public void Legacy_rows_are_seen_only_when_OrleansStorage_holds_some()
    {
        Assert.False(SqliteSnapshotStore.LegacyRowsExist(folder.SqliteConnectionString));
        using var connection = new SqliteConnection(folder.SqliteConnectionString);
        connection.Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, ServiceId, Version) " +
                             "VALUES (1, 0, 0, 2, 'user', 'svc', 1)";
        insert.ExecuteNonQuery();
        Assert.True(SqliteSnapshotStore.LegacyRowsExist(folder.SqliteConnectionString));
    }

    /// <summary>Counts the snapshot writer's entries into the write gate while it lives (no other test here writes as "snapshot" concurrently with the count).</summary>
    private sealed class SnapshotTurns : IDisposable
    {
        private readonly MeterListener listener = new();
        private int count;
        public int Count => Volatile.Read(ref count);

        public SnapshotTurns()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SqliteWriteGateMetrics.MeterName && instrument.Name == SqliteWriteGateMetrics.EntriesName) l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag is { Key: "writer", Value: SqliteWriteGateMetrics.SnapshotWriter }) Interlocked.Add(ref count, (int)value);
            });
            listener.Start();
        }

        public void Dispose() => listener.Dispose();
    }
}
