using System.Net;
using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;
using ContentGrains.Core.Text;
using ContentGrains.Core.Vectors;
using ContentGrains.Inference.Text;
using ContentGrains.Inference.Vectors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ContentGrains.Grains;
using ContentGrains.Storage;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;

namespace ContentGrains.Silo.Hosting;

/// <summary>Configures the silo for the chosen storage: the embedded SQLite file, or a PostgreSQL cluster.</summary>
public static class SiloSetup
{
    /// <summary>Orleans' ADO.NET grain storage: the snapshots on PostgreSQL, and on SQLite those written before cg_snapshots.</summary>
    public const string AdoNetSnapshots = "snapshots-adonet";
    private const string SqliteInvariant = "System.Data.SQLite"; // Orleans' name; served by Microsoft.Data.Sqlite
    private const string PostgresInvariant = "Npgsql";

    public static void Configure(ISiloBuilder silo, ContentGrainsHostOptions options, IConfiguration configuration)
    {
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        if (options.SiloName is { Length: > 0 } name) silo.Configure<SiloOptions>(o => o.SiloName = name);
        silo.AddContentGrainsModelPublishing(options.Role); // role into silo metadata, trainer placement, champion push
        silo.AddContentGrainsRetention(); // the retention grain's reminder exists from the first start
        var training = configuration.GetSection($"{ContentGrainsHostOptions.Section}:Engine:Training").Get<TrainingOptions>() ?? new();
        if (training.EmbeddingEpochs is < 1)
            throw new InvalidOperationException($"{ContentGrainsHostOptions.Section}:Engine:Training:EmbeddingEpochs must be at least 1 (got {training.EmbeddingEpochs})");
        ContentGrains.Training.TrainingKinds.Register(embeddingEpochs: training.EmbeddingEpochs); // bpr, embedding: trainable and loadable live
        silo.Services.AddContentGrainsEngine();
        AddTextEncoder(silo.Services);
        AddClickModels(silo.Services, options.OnnxDevice);
        AddVectorIndex(silo.Services, VectorSettings(configuration));
        AddSegmentClusterer(silo.Services);
        AddCtrModelFormat(silo.Services);
        silo.Services.Configure<EngineOptions>(configuration.GetSection($"{ContentGrainsHostOptions.Section}:Engine"));
        silo.AddDashboard();
        if (!DashboardSampling.Apply(silo.Services, TimeSpan.FromSeconds(options.DashboardSampleSeconds)))
            Console.Error.WriteLine($"warning: this Orleans dashboard has no sampling interval to set; ContentGrains:DashboardSampleSeconds is ignored");
        // Grain calls join the HTTP request's trace, when traces are exported (Telemetry). Without an exporter nothing
        // samples them, and the propagation filter would still run on every grain call (feed p99 work, issue 9).
        if (Telemetry.TracingEnabled) silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<StorageFaultFilter>(); // a driver's exception never crosses a grain boundary

        if (options.IsPostgres) ConfigurePostgres(silo, options);
        else ConfigureSqlite(silo, options);
    }

    /// <summary>The click model's two halves: TorchSharp trains it (on the trainer's silo), ONNX Runtime scores it (on every silo).</summary>
    public static void AddClickModels(IServiceCollection services, string onnxDevice = Inference.OnnxExecution.Cpu)
    {
        services.AddSingleton<Core.Click.IClickModelTrainer, Training.Click.TorchClickModelTrainer>();
        services.AddSingleton<Core.Click.IClickModelLoader>(provider =>
        {
            var logger = provider.GetRequiredService<ILogger<Inference.Click.OnnxClickModelLoader>>();
            return new Inference.Click.OnnxClickModelLoader(onnxDevice, warning => logger.LogWarning("{Warning}", warning));
        });
    }

    private static void ConfigureSqlite(ISiloBuilder silo, ContentGrainsHostOptions options)
    {
        Directory.CreateDirectory(options.DataDir);
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        AddSqliteStore(silo, options.SqliteConnectionString, options.SqliteFullSync);
    }

    private static void ConfigurePostgres(ISiloBuilder silo, ContentGrainsHostOptions options)
    {
        var connection = options.OrleansPostgresConnection;
        silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, connection));
#pragma warning disable ORLEANSEXP002 // experimental in Orleans 10: the only built-in way to give a restarted silo load back
        if (options.ActivationRebalancing) silo.AddActivationRebalancer();
#pragma warning restore ORLEANSEXP002
        AddPostgresStore(silo, connection, options.EnginePostgresConnection);
        // In a pod the silo and gateway listen inside the pod's own network namespace, at the pod IP (Orleans' hosting).
        if (options.KubernetesHosting) silo.UseKubernetesHosting();
        else ConfigureEndpoints(silo, options);
    }

    private static void ConfigureEndpoints(ISiloBuilder silo, ContentGrainsHostOptions options)
    {
        var advertised = options.AdvertisedIp is { Length: > 0 } ip
            ? IPAddress.Parse(ip)
            : Dns.GetHostAddresses(Dns.GetHostName()).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        // Silo and gateway ports listen on the advertised (cluster network) address only, not on every interface.
        silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
    }

    /// <summary>The sentence encoder for item text (MiniLM on ONNX Runtime; its model loads on the first item encoded).</summary>
    public static void AddTextEncoder(IServiceCollection services) =>
        services.TryAddSingleton<ITextEncoder, MiniLmTextEncoder>();

    /// <summary>The segments' k-means: ML.NET's trainer (Analysis), which Core and the grains cannot reference.</summary>
    public static void AddSegmentClusterer(IServiceCollection services) =>
        services.TryAddSingleton<Core.Segments.ISegmentClusterer, Analysis.Segments.MlKMeansClusterer>();

    /// <summary>The live CTR model: LightGBM through ML.NET (Analysis), which Core and the grains cannot reference.</summary>
    public static void AddCtrModelFormat(IServiceCollection services) =>
        services.TryAddSingleton<Core.Performance.ICtrModelFormat, Analysis.Performance.LightGbmCtrFormat>();

    /// <summary>Where the HNSW graph's settings are read (<see cref="HnswOptions"/>: Connectivity, ExpansionAdd, …).</summary>
    public const string VectorsSection = $"{ContentGrainsHostOptions.Section}:Engine:Vectors";

    /// <summary>Where the clustered index's settings are read (<see cref="ClusteredIndexOptions"/>: Enabled, BelowItems, ProbeShare, MaxReadShare, MaxRowsRead).</summary>
    public const string ClusteredSection = $"{VectorsSection}:Clustered";

    /// <summary>The retrieval index each silo builds for an embedding champion: a scan below 20,000 items, the clustered index (or HNSW) above.</summary>
    public static void AddVectorIndex(IServiceCollection services, (HnswOptions Hnsw, ClusteredIndexOptions Clustered)? settings = null)
    {
        services.RemoveAll<IVectorIndexBuilder>();
        services.AddSingleton<IVectorIndexBuilder>(new VectorIndexFactory(settings?.Hnsw, settings?.Clustered));
    }

    /// <summary>
    /// The HNSW graph's settings from <see cref="VectorsSection"/>, checked at start: a value out of range stops the silo
    /// with the key named, rather than failing the first model swap at a million items (bench/results/scale-1m.json:
    /// recall@10 0.834 with the defaults there, 0.968 with Connectivity 32 and ExpansionAdd 128).
    /// </summary>
    public static (HnswOptions Hnsw, ClusteredIndexOptions Clustered) VectorSettings(IConfiguration configuration)
    {
        var hnsw = configuration.GetSection(VectorsSection).Get<HnswOptions>() ?? new();
        var clustered = configuration.GetSection(ClusteredSection).Get<ClusteredIndexOptions>() ?? new();
        Checked(VectorsSection, hnsw.Validate);
        Checked(ClusteredSection, clustered.Validate);
        return (hnsw, clustered);

        static void Checked(string section, Action validate)
        {
            try { validate(); }
            catch (ArgumentOutOfRangeException error)
            {
                throw new InvalidOperationException($"{section}:{error.ParamName} is {error.ActualValue}: {error.Message.Split(" (Parameter")[0]}");
            }
        }
    }

    /// <summary>
    /// The embedded store: event log, grain snapshots and reminders in one SQLite file (schema created here).
    /// Snapshot writes share the event log's write gate, many grains' snapshots to one turn and one transaction
    /// (<see cref="SqliteGrainStorage"/>); Orleans' ADO.NET storage stays for snapshots written before that.
    /// Clustering is the caller's.
    /// </summary>
    public static void AddSqliteStore(ISiloBuilder silo, string connection, bool fullSync)
    {
        SchemaInstaller.ApplySqlite(connection);
        var gate = new SqliteWriteGate();
        silo.Services.AddSingleton(gate);
        silo.Services.AddSingleton(_ => new SqliteEventLog(connection, gate, fullSync));
        silo.Services.AddSingleton<IEventLog>(sp => new StorageFaultEventLog(sp.GetRequiredService<SqliteEventLog>()));
        silo.Services.AddSingleton<IModelStore>(_ => SqlModelStore.Sqlite(connection, gate));
        silo.Services.AddSingleton<IItemVectorStore>(_ => SqlItemVectorStore.Sqlite(connection, gate));
        AddPrivacyStores<SqliteEventLog>(silo.Services, _ => SqlPrivacyStore.Sqlite(connection, gate));
        silo.AddAdoNetGrainStorage(AdoNetSnapshots, o => (o.Invariant, o.ConnectionString, o.DeleteStateOnClear) = (SqliteInvariant, connection, true));
        silo.Services.AddSingleton(_ => new SqliteSnapshotStore(connection, gate, fullSync));
        var legacyRows = SqliteSnapshotStore.LegacyRowsExist(connection);
        silo.Services.AddKeyedSingleton<IGrainStorage>(ContentGrainsNames.SnapshotStorage, (sp, _) =>
            new StorageFaultGrainStorage(new SqliteGrainStorage(sp.GetRequiredService<SqliteSnapshotStore>(), sp.GetRequiredService<IGrainStorageSerializer>(),
                new GatedGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(AdoNetSnapshots), gate), legacyRows)));
        silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (SqliteInvariant, connection));
    }

    /// <summary>
    /// Privacy's stores: the log itself erases and expires events (<typeparamref name="TLog"/>, the one instance), and
    /// consent and the audit live in tables beside it. Snapshots are deleted, not blanked, when a person is erased
    /// (DeleteStateOnClear), so no row keyed by their id remains.
    /// </summary>
    private static void AddPrivacyStores<TLog>(IServiceCollection services, Func<IServiceProvider, SqlPrivacyStore> store)
        where TLog : class, Core.Privacy.IEventErasure
    {
        services.AddSingleton<Core.Privacy.IEventErasure>(sp => sp.GetRequiredService<TLog>());
        services.AddSingleton(store);
        services.AddSingleton<Core.Privacy.IConsentStore>(sp => sp.GetRequiredService<SqlPrivacyStore>());
        services.AddSingleton<Core.Privacy.IPrivacyAudit>(sp => sp.GetRequiredService<SqlPrivacyStore>());
    }

    /// <summary>
    /// The cluster store: event log, grain snapshots and reminders in PostgreSQL (schema applied beforehand). Clustering is
    /// the caller's. <paramref name="engineConnection"/> (default: the same) is the engine's own pool: event log and models.
    /// </summary>
    public static void AddPostgresStore(ISiloBuilder silo, string connection, string? engineConnection = null)
    {
        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(engineConnection ?? connection));
        silo.Services.AddSingleton(sp => new PostgresEventLog(sp.GetRequiredService<NpgsqlDataSource>()));
        silo.Services.AddSingleton<IEventLog>(sp => new StorageFaultEventLog(sp.GetRequiredService<PostgresEventLog>()));
        silo.Services.AddSingleton<IModelStore>(sp => SqlModelStore.Postgres(sp.GetRequiredService<NpgsqlDataSource>()));
        silo.Services.AddSingleton<IItemVectorStore>(sp => SqlItemVectorStore.Postgres(sp.GetRequiredService<NpgsqlDataSource>()));
        AddPrivacyStores<PostgresEventLog>(silo.Services, sp => SqlPrivacyStore.Postgres(sp.GetRequiredService<NpgsqlDataSource>()));
        silo.AddAdoNetGrainStorage(AdoNetSnapshots, o => (o.Invariant, o.ConnectionString, o.DeleteStateOnClear) = (PostgresInvariant, connection, true));
        silo.Services.AddKeyedSingleton<IGrainStorage>(ContentGrainsNames.SnapshotStorage, (sp, _) =>
            new StorageFaultGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(AdoNetSnapshots)));
        silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, connection));
    }
}
