namespace ContentGrains.Silo.Hosting;

/// <summary>Where the engine keeps its data and how the silo joins a cluster; the "ContentGrains" configuration section.</summary>
public sealed class ContentGrainsHostOptions
{
    public const string Section = "ContentGrains";

    /// <summary>"sqlite" (embedded default, one machine) or "postgres" (a cluster).</summary>
    public string Storage { get; set; } = "sqlite";
    /// <summary>Folder of the embedded store (the SQLite file); relative to the working directory.</summary>
    public string DataDir { get; set; } = "./data";
    /// <summary>SQLite synchronous=FULL: every commit survives a power cut. False keeps kill -9 safety only (NORMAL).</summary>
    public bool SqliteFullSync { get; set; } = true;
    /// <summary>Npgsql connection string for the "postgres" storage.</summary>
    public string? PostgresConnection { get; set; }
    public string ClusterId { get; set; } = "contentgrains";
    public string ServiceId { get; set; } = "contentgrains";
    public string? SiloName { get; set; }
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>The address other silos reach this one at. Empty: 127.0.0.1 for sqlite, this host's name resolved for postgres.</summary>
    public string? AdvertisedIp { get; set; }
    /// <summary>
    /// Runs under Orleans' Kubernetes hosting (deploy/k8s sets it): the silo takes its name, address, cluster and service
    /// ids from the pod (POD_NAME, POD_IP, ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID) and marks silos whose pod is gone as
    /// dead at once, instead of waiting for missed probes. Needs a service account that may watch and delete pods.
    /// </summary>
    public bool KubernetesHosting { get; set; }
    /// <summary>Silo role ("cpu" or "gpu"), stored in silo metadata for placement.</summary>
    public string Role { get; set; } = "cpu";
    /// <summary>Where ONNX Runtime scores the click model: "cpu" (default) or "cuda" (a CUDA build on a GPU; falls back to the CPU with a warning).</summary>
    public string OnnxDevice { get; set; } = "cpu";
    /// <summary>
    /// Lets a silo without API keys listen beyond loopback (logged as a warning). The keys themselves,
    /// ContentGrains:ApiKeys, are read by <see cref="Security.ApiKeyRing"/>: entries, not plain values.
    /// </summary>
    public bool AllowOpenApi { get; set; }
    /// <summary>Requests per second each API key (or, without keys, each client address) may make; 0 turns the limit off.</summary>
    public int RateLimitPerSecond { get; set; } = 1_000;
    /// <summary>How many requests a key may make at once above its steady rate (the token bucket's size).</summary>
    public int RateLimitBurst { get; set; } = 2_000;

    /// <summary>
    /// Orleans' activation rebalancer (cluster only): moves activations from busier silos to emptier ones, so a silo
    /// that restarts or joins gets load back instead of only the grains first activated after it arrived.
    /// </summary>
    public bool ActivationRebalancing { get; set; } = true;

    /// <summary>
    /// Seconds between the Orleans dashboard's readings of Orleans' meter (the dashboard's own is 1). Each reading runs
    /// gauges that walk every activation: see <see cref="DashboardSampling"/>.
    /// </summary>
    public int DashboardSampleSeconds { get; set; } = 10;

    public bool IsPostgres => Storage.Equals("postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The most PostgreSQL connections this silo opens, all its pools together. A silo has two pools: Orleans'
    /// (membership, grain snapshots and reminders share one, as they use one connection string) and the engine's own
    /// (event log, model store, item vectors); each gets half. Npgsql's default of 100 per pool would let one silo
    /// exceed PostgreSQL's default server limit (max_connections = 100) on its own. N silos need N × this plus a few
    /// for administration below max_connections.
    /// </summary>
    public int PostgresMaxConnections { get; set; } = 40;

    /// <summary>Orleans' pool: clustering, grain snapshots, reminders (application name contentgrains-orleans).</summary>
    public string OrleansPostgresConnection => PooledConnection("contentgrains-orleans", PostgresMaxConnections / 2);

    /// <summary>The engine's pool: event log, model store, item vectors (application name contentgrains-engine).</summary>
    public string EnginePostgresConnection => PooledConnection("contentgrains-engine", PostgresMaxConnections - PostgresMaxConnections / 2);

    /// <summary>
    /// The connection string with the pool's bound and an application name (so pg_stat_activity shows whose
    /// connection is whose). A "Maximum Pool Size" or "Application Name" written in the connection string wins.
    /// </summary>
    private string PooledConnection(string applicationName, int poolSize)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnection);
        var given = PostgresConnection ?? "";
        if (!given.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) && !given.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            builder.MaxPoolSize = poolSize;
        if (!given.Contains("Application Name", StringComparison.OrdinalIgnoreCase) && !given.Contains("ApplicationName", StringComparison.OrdinalIgnoreCase))
            builder.ApplicationName = applicationName;
        return builder.ConnectionString;
    }

    public string SqliteConnectionString =>
        $"Data Source={Path.GetFullPath(Path.Combine(DataDir, "contentgrains.db"))};Pooling=True;Default Timeout=30";

    public void Validate()
    {
        if (!IsPostgres && !Storage.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"ContentGrains:Storage must be 'sqlite' or 'postgres', got '{Storage}'");
        if (IsPostgres && string.IsNullOrWhiteSpace(PostgresConnection))
            throw new InvalidOperationException("ContentGrains:PostgresConnection is required when ContentGrains:Storage is 'postgres'");
        if (IsPostgres && PostgresMaxConnections < 4)
            throw new InvalidOperationException($"ContentGrains:PostgresMaxConnections must be at least 4 (two pools of at least 2), got {PostgresMaxConnections}");
        if (DashboardSampleSeconds < 1)
            throw new InvalidOperationException($"ContentGrains:DashboardSampleSeconds must be at least 1, got {DashboardSampleSeconds}");
        if (OnnxDevice is not (Inference.OnnxExecution.Cpu or Inference.OnnxExecution.Cuda))
            throw new InvalidOperationException($"ContentGrains:OnnxDevice must be '{Inference.OnnxExecution.Cpu}' or '{Inference.OnnxExecution.Cuda}', got '{OnnxDevice}'");
    }
}
