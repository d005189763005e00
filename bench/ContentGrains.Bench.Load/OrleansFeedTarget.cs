using System.Net;
using ContentGrains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace ContentGrains.Bench.Load;

/// <summary>
/// The feed through an Orleans client: a <c>ClientBuilder</c> host connected to the silos' gateways (static list: every
/// gateway given, so on a cluster the client spreads its calls over both), calling <see cref="IUserGrain.GetFeedAsync"/>
/// as the HTTP endpoint does. What a .NET app in front of the engine would pay, without HTTP and JSON.
/// </summary>
public sealed class OrleansFeedTarget : IFeedTarget, IAsyncDisposable
{
    /// <summary>The silo's defaults (ContentGrains:ClusterId and ServiceId): a client of another cluster is refused.</summary>
    public const string DefaultClusterId = "contentgrains";

    private readonly IHost host;
    private readonly IClusterClient client;

    private OrleansFeedTarget(IHost host) => (this.host, client) = (host, host.Services.GetRequiredService<IClusterClient>());

    public string Name => "orleans";

    /// <summary>Connects to <paramref name="gateways"/>; throws when none answers within Orleans' connection retries.</summary>
    public static async Task<OrleansFeedTarget> ConnectAsync(IReadOnlyList<IPEndPoint> gateways, string clusterId = DefaultClusterId, string serviceId = DefaultClusterId)
    {
        if (gateways.Count == 0) throw new ArgumentException("at least one gateway endpoint is needed", nameof(gateways));
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client
                .UseStaticClustering([.. gateways])
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId)))
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .Build();
        await host.StartAsync();
        return new OrleansFeedTarget(host);
    }

    /// <summary>One feed, returned whole (the test and the sample feed read it).</summary>
    public Task<Feed> FeedAsync(string userId, int count) => client.GetGrain<IUserGrain>(userId).GetFeedAsync(count, null);

    public async Task<int> GetFeedAsync(string userId, int count, CancellationToken cancellation)
    {
        try
        {
            await FeedAsync(userId, count).WaitAsync(cancellation);
            return 200;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested) { throw; }
        catch (Exception) { return 0; } // a timeout, a lost gateway, a grain's exception: no answer, counted as an error
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
