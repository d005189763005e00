using ContentGrains.Abstractions;
using ContentGrains.Storage;
using ContentGrains.Testing;
using Npgsql;

namespace ContentGrains.Grains.Tests;

/// <summary>The learning loop on the cluster store: two silos (gpu, cpu) on a real PostgreSQL database.</summary>
public sealed class PostgresLearningLoopTests
{
    [Fact]
    public async Task Two_silos_on_postgres_train_gate_publish_and_roll_back_with_the_registry_in_the_database()
    {
        await using var database = await TestPostgres.CreateAsync();
        SchemaInstaller.ApplyPostgres(database.ConnectionString);
        SchemaInstaller.ApplyPostgres(database.ConnectionString); // the registry script is idempotent too

        // Two silos in one process, each with its own pools: bound them under the server's 100 connections.
        var pooled = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 20 }.ConnectionString;
        await using var engine = await EngineCluster.StartPostgresAsync(pooled,
            o => (o.ModelRefresh, o.CatalogRefresh, o.RetrainInterval) = (TimeSpan.FromHours(1), TimeSpan.Zero, TimeSpan.Zero), ["gpu", "cpu"]);
        await ClusteredAudience.LoadAsync(engine.Grains);

        var v1 = await TrainingJobs.TrainAsync(engine.Grains, "ease");
        var rejected = await TrainingJobs.RunAsync(engine.Grains, "pop");
        var v3 = await TrainingJobs.TrainAsync(engine.Grains, "itemknn");
        Assert.Equal(("rejected", 3L), (rejected.Status, v3.Version));
        await BothServeAsync(engine, 3);

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT r.version, r.status, r.sha256 = encode(sha256(m.artifact), 'hex'), r.held_out_users, r.first_sequence, r.last_sequence, r.auc IS NULL " +
                "FROM cg_model_registry r JOIN cg_models m USING (name, version) ORDER BY r.version", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<(long, string, bool, long, long, long, bool)>();
            while (await reader.ReadAsync())
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetBoolean(6)));
            Assert.Equal([(1L, "accepted", true, 70L, 1L, 280L, true), (2L, "rejected", true, 70L, 1L, 280L, true), (3L, "accepted", true, 70L, 1L, 280L, true)], rows);
        }

        var registry = await engine.Grains.GetGrain<ITrainerGrain>("default").SetChampionAsync(1);
        Assert.Equal((1L, v1.Sha256), (registry.Champion, registry.Versions.Single(v => v.Version == 1).Sha256));
        await BothServeAsync(engine, 1);
    }

    private static async Task BothServeAsync(EngineCluster engine, long version)
    {
        foreach (var silo in engine.SiloNames)
            await Eventually.Get(() => engine.Grains.GetGrain<ISiloScorerGrain>(silo).GetAsync(), v => v.Serving == version, $"{silo} serving v{version}");
    }
}
