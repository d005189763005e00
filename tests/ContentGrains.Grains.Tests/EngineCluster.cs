using ContentGrains.Grains;
using ContentGrains.Silo.Hosting;
using ContentGrains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// A one-silo test cluster on the real embedded store (SQLite file in a temp folder). Restarting it on the same
/// folder is how tests check that state survives.
/// </summary>
public sealed class EngineCluster : IAsyncDisposable
{
    public InProcessTestCluster Cluster { get; }
    public IGrainFactory Grains => Cluster.Client;

    private EngineCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public static Task<EngineCluster> StartAsync(TempDirectory folder, int snapshotEveryEvents = 200, Action<EngineOptions>? configure = null) =>
        StartAsync(silo => SiloSetup.AddSqliteStore(silo, folder.SqliteConnectionString, fullSync: false), snapshotEveryEvents, configure);

    /// <summary>The same engine on the cluster store; the database must have the schema.</summary>
    public static Task<EngineCluster> StartPostgresAsync(string connection) =>
        StartAsync(silo => SiloSetup.AddPostgresStore(silo, connection), 200, null);

    private static async Task<EngineCluster> StartAsync(Action<ISiloBuilder> addStore, int snapshotEveryEvents, Action<EngineOptions>? configure)
    {
        ContentGrains.Training.TrainingKinds.Register(); // as SiloSetup.Configure does for the real host
        var builder = new InProcessTestClusterBuilder(1);
        // Snapshots are keyed by service id: a restarted cluster must keep it to find them.
        builder.Options.ServiceId = "contentgrains-tests";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddContentGrainsEngine();
            SiloSetup.AddTextEncoder(silo.Services);
            silo.Services.Configure<EngineOptions>(o =>
            {
                o.SnapshotEveryEvents = snapshotEveryEvents;
                o.CatalogRefresh = TimeSpan.Zero; // tests read the catalog right after writing it
                o.ModelRefresh = TimeSpan.Zero;   // …and feeds right after training
                o.RetrainInterval = TimeSpan.Zero; // tests train by hand
                configure?.Invoke(o);
            });
            addStore(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new EngineCluster(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
