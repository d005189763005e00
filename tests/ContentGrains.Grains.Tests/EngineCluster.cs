using ContentGrains.Grains;
using ContentGrains.Silo.Hosting;
using ContentGrains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// A test cluster (one silo unless asked for more) on the real embedded store (SQLite file in a temp folder). Restarting it on the same
/// folder is how tests check that state survives.
/// </summary>
public sealed class EngineCluster : IAsyncDisposable
{
    public InProcessTestCluster Cluster { get; }
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>How often a test's trainer reminder checks its triggers (TrainingOptions.CheckInterval; a minute on a real silo).</summary>
    public static readonly TimeSpan TestReminderCheck = TimeSpan.FromSeconds(3);

    /// <summary>The silo names, in the order of the roles they were started with.</summary>
    public IReadOnlyList<string> SiloNames => Cluster.Silos.Select(s => s.Name).ToList();

    private EngineCluster(InProcessTestCluster cluster) => Cluster = cluster;

    /// <param name="silos">How many silos, all with role cpu, on one embedded store file.</param>
    /// <param name="services">More of each silo's services (a log recorder, say).</param>
    public static Task<EngineCluster> StartAsync(TempDirectory folder, int snapshotEveryEvents = 200, Action<EngineOptions>? configure = null, int silos = 1,
        Action<IServiceCollection>? services = null) =>
        StartAsync(silo =>
        {
            SiloSetup.AddSqliteStore(silo, folder.SqliteConnectionString, fullSync: false);
            services?.Invoke(silo.Services);
        }, snapshotEveryEvents, configure, Enumerable.Repeat("cpu", silos).ToArray());

    /// <summary>
    /// The embedded engine as it stored snapshots before cg_snapshots: Orleans' ADO.NET provider, one row per write in
    /// OrleansStorage (to check that a data folder written then still reads).
    /// </summary>
    public static Task<EngineCluster> StartWithLegacySnapshotsAsync(TempDirectory folder, int snapshotEveryEvents) =>
        StartAsync(silo =>
        {
            SiloSetup.AddSqliteStore(silo, folder.SqliteConnectionString, fullSync: false);
            silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(Abstractions.ContentGrainsNames.SnapshotStorage, (sp, _) =>
                new GatedGrainStorage(sp.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(SiloSetup.AdoNetSnapshots), sp.GetRequiredService<ContentGrains.Storage.SqliteWriteGate>()));
        }, snapshotEveryEvents, null, ["cpu"]);

    /// <summary>The same engine on the cluster store; the database must have the schema.</summary>
    public static Task<EngineCluster> StartPostgresAsync(string connection, Action<EngineOptions>? configure = null, string[]? roles = null) =>
        StartAsync(silo => SiloSetup.AddPostgresStore(silo, connection), 200, configure, roles ?? ["cpu"]);

    /// <summary>One silo per role (silo i is named Silo_i and has roles[i]), all on one embedded store file.</summary>
    /// <param name="startFirst">Start only this many at first; <see cref="StartNextSiloAsync"/> starts the next.</param>
    public static Task<EngineCluster> StartSilosAsync(TempDirectory folder, string[] roles, Action<EngineOptions>? configure = null, int? startFirst = null) =>
        StartAsync(silo => SiloSetup.AddSqliteStore(silo, folder.SqliteConnectionString, fullSync: false), 200, configure, roles, startFirst);

    /// <summary>Starts the next silo of the roles the cluster was started with (it joins a running cluster).</summary>
    public Task StartNextSiloAsync() => Cluster.StartAdditionalSiloAsync();

    /// <summary>A service of one silo of the cluster (a per-silo cache, say).</summary>
    public T SiloService<T>(int silo) where T : notnull =>
        ((InProcessSiloHandle)Cluster.Silos[silo]).SiloHost.Services.GetRequiredService<T>();

    private static async Task<EngineCluster> StartAsync(Action<ISiloBuilder> addStore, int snapshotEveryEvents, Action<EngineOptions>? configure, string[] roles,
        int? startFirst = null)
    {
        ContentGrains.Training.TrainingKinds.Register(); // as SiloSetup.Configure does for the real host
        var builder = new InProcessTestClusterBuilder((short)(startFirst ?? roles.Length));
        // Snapshots are keyed by service id: a restarted cluster must keep it to find them.
        builder.Options.ServiceId = "contentgrains-tests";
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            silo.Services.AddContentGrainsEngine();
            SiloSetup.AddClickModels(silo.Services);
            silo.AddContentGrainsModelPublishing(roles[int.Parse(siloOptions.SiloName.Split('_')[^1], System.Globalization.CultureInfo.InvariantCulture)]);
            SiloSetup.AddTextEncoder(silo.Services);
            SiloSetup.AddSegmentClusterer(silo.Services);
            // Orleans allows reminders no shorter than a minute; a test that waits on a reminder (a scheduled retrain)
            // sets a check of seconds (TestReminderCheck) rather than waiting minutes per tick.
            silo.Services.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
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
