using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
using ContentGrains.Storage;
using ContentGrains.Testing;
using Microsoft.Data.Sqlite;

namespace ContentGrains.Storage.Tests;

/// <summary>The model registry on the embedded store: every registry field round-trips, old rows read with defaults.</summary>
public sealed class ModelStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory folder = new();
    private readonly SqlModelStore store;

    public ModelStoreTests()
    {
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString);
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString); // idempotent, registry table included
        store = SqlModelStore.Sqlite(folder.SqliteConnectionString, new SqliteWriteGate());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    [Fact]
    public async Task A_version_with_window_metrics_device_and_verdict_reads_back_whole_with_the_stored_bytes_checksum()
    {
        byte[] artifact = [1, 2, 3, 4, 5];
        var version = new ModelVersion("m", 7, "ease", T0, 1_000, 10, 20, 300, 1.5, artifact.Length,
            new LogWindow(3, 1_002, T0.AddDays(-2), T0.AddDays(-1)), new VersionMetrics(0.25, 0.4, 100, LogLoss: 0.6), "cuda", null,
            VersionStatus.Rejected, "NDCG@10 0.2500 is below champion v6's 0.3000 by more than 0.01");

        await store.SaveAsync(version, artifact);

        var read = Assert.Single(await store.ListAsync("m"));
        Assert.Equal(version with { Sha256 = ArtifactChecksum.Of(artifact) }, read);
        Assert.Equal("74f81fe167d99b4cb41d6d0ccda82278caee9f3e2f25d5e5a3936ff3dcec60d0", read.Sha256); // sha256 of 01 02 03 04 05
        Assert.Equal(artifact, await store.LoadAsync("m", 7));
    }

    [Fact]
    public async Task A_duplicate_version_is_refused_and_leaves_one_registry_row()
    {
        var version = new ModelVersion("m", 1, "pop", T0, 1, 1, 1, 1, 0.1, 1);
        await store.SaveAsync(version, [9]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveAsync(version, [8]));
        Assert.Equal([9], await store.LoadAsync("m", 1));
        Assert.Single(await store.ListAsync("m"));
    }

    [Fact]
    public async Task A_version_stored_before_the_registry_table_reads_with_defaults()
    {
        using (var connection = new SqliteConnection(folder.SqliteConnectionString))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO cg_models (name, version, kind, trained_ms, events_read, users, items, positives, train_seconds, artifact) " +
                                 $"VALUES ('m', 1, 'ease', {T0.ToUnixTimeMilliseconds()}, 5, 2, 3, 4, 0.5, x'0102')";
            insert.ExecuteNonQuery();
        }
        Assert.Equal(new ModelVersion("m", 1, "ease", T0, 5, 2, 3, 4, 0.5, 2), Assert.Single(await store.ListAsync("m")));
    }
}
