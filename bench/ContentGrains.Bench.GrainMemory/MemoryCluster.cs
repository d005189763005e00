using ContentGrains.Grains;
using ContentGrains.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace ContentGrains.Bench.GrainMemory;

/// <summary>
/// One in-process silo with the engine's grains on the embedded store (SQLite in a temp folder), as the tests'
/// EngineCluster starts it: the client and the silo share this process, so the GC heap holds the silo's grains.
/// </summary>
public sealed class MemoryCluster : IAsyncDisposable
{
    /// <summary>Memory is what this measures, not latency: on a loaded machine a call may wait far longer than Orleans' 30 s.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(10);

    private readonly InProcessTestCluster cluster;
    private readonly string folder;

    private MemoryCluster(InProcessTestCluster cluster, string folder) => (this.cluster, this.folder) = (cluster, folder);

    public IGrainFactory Grains => cluster.Client;
    public string Database => Path.Combine(folder, "contentgrains.db");

    public static async Task<MemoryCluster> StartAsync(TimeSpan snapshotInterval)
    {
        var folder = Directory.CreateTempSubdirectory("cg-grain-memory-").FullName;
        var connection = $"Data Source={Path.Combine(folder, "contentgrains.db")};Pooling=True";
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddContentGrainsEngine();
            silo.AddContentGrainsModelPublishing("cpu");
            SiloSetup.AddTextEncoder(silo.Services);
            // Every person's snapshot written by the timer, however few their events: the idle reading is of saved grains.
            silo.Services.Configure<EngineOptions>(o => (o.SnapshotInterval, o.RetrainInterval, o.SnapshotTimerMinEvents) = (snapshotInterval, TimeSpan.Zero, 1));
            SiloSetup.AddSqliteStore(silo, connection, fullSync: false);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = CallTimeout);
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = CallTimeout));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new MemoryCluster(cluster, folder);
    }

    /// <summary>Waits until the silo's text vector worker has nothing left to encode (items PUT before the measurement).</summary>
    public async Task TextVectorsDrainedAsync(TimeSpan atMost)
    {
        var worker = ((InProcessSiloHandle)cluster.Silos[0]).SiloHost.Services.GetRequiredService<ItemTextVectorWorker>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (worker.Statistics is var s && (s.Waiting > 0 || s.WaitingDeferred > 0) && waited.Elapsed < atMost) await Task.Delay(500);
    }

    /// <summary>
    /// Waits until the silo's MiniLM session, loaded to encode the items, is released after its idle time: its ~1 MB of
    /// vocabulary and buffers went away between the baseline and the idle reading, and took 180-450 B off every grain's figure.
    /// </summary>
    public async Task<bool> EncoderReleasedAsync(TimeSpan atMost)
    {
        var encoder = ((InProcessSiloHandle)cluster.Silos[0]).SiloHost.Services.GetRequiredService<ContentGrains.Core.Text.ITextEncoder>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (encoder is ContentGrains.Inference.Text.MiniLmTextEncoder { IsLoaded: true } && waited.Elapsed < atMost) await Task.Delay(500);
        return encoder is not ContentGrains.Inference.Text.MiniLmTextEncoder { IsLoaded: true };
    }

    /// <summary>Active user grains on the silo, as Orleans counts them.</summary>
    public async Task<int> ActiveUserGrainsAsync()
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(nameof(UserGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    /// <summary>Every activation on the silo, of any grain type.</summary>
    public async Task<int> ActivationsAsync() =>
        (await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics()).Sum(s => s.ActivationCount);

    /// <summary>Deactivates every grain idle for at least <paramref name="idle"/>: Orleans' collection, run now.</summary>
    public Task CollectAsync(TimeSpan idle) => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(idle);

    public async ValueTask DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
