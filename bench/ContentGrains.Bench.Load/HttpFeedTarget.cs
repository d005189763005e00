namespace ContentGrains.Bench.Load;

/// <summary>
/// GET /v1/users/{id}/feed?count=K over pooled connections, spread round-robin over one or more silos' APIs (a cluster's
/// requests go to every silo, as a load balancer in front of it would send them).
/// </summary>
public sealed class HttpFeedTarget : IFeedTarget, IDisposable
{
    private readonly HttpClient[] silos;
    private long next = -1;

    public HttpFeedTarget(IReadOnlyList<Uri> urls, int connectionsPerSilo)
    {
        if (urls.Count == 0) throw new ArgumentException("at least one silo URL is needed", nameof(urls));
        silos = urls.Select(url => new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connectionsPerSilo, // one connection per client: a load of many connections, as many apps would make
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        })
        { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) }).ToArray();
    }

    public string Name => "http";

    /// <summary>The first silo's client, for the odd request that is not part of the load (a sample feed).</summary>
    public HttpClient First => silos[0];

    public async Task<int> GetFeedAsync(string userId, int count, CancellationToken cancellation)
    {
        var http = silos[(int)(Interlocked.Increment(ref next) % silos.Length)];
        try
        {
            using var response = await http.GetAsync($"v1/users/{userId}/feed?count={count}", HttpCompletionOption.ResponseContentRead, cancellation);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException) { return 0; }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested) { return 0; } // the client's timeout
    }

    public void Dispose()
    {
        foreach (var silo in silos) silo.Dispose();
    }
}
