using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>
/// Reads the silo's thread-pool queue length (work items waiting for a thread) from /metrics once a second while a run
/// goes on: a queue that builds up is requests waiting for a core. One scrape a second is about 0.1 % of the feeds' own
/// requests at the rates measured; its allocations are counted in the run's bytes per feed.
/// </summary>
public sealed class ThreadPoolQueueSampler(HttpClient silo) : IAsyncDisposable
{
    private readonly List<double> samples = [];
    private readonly CancellationTokenSource stop = new();
    private Task? loop;

    public void Start() => loop = Task.Run(SampleAsync);

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
                samples.Add(SiloMetrics.Sum(await silo.GetStringAsync("/metrics", stop.Token), RuntimeCounters.ThreadPoolQueue));
        }
        catch (OperationCanceledException) { }
        catch (HttpRequestException) { }
    }

    /// <summary>Mean and largest queue length seen, and how many readings they come from.</summary>
    public async Task<JsonObject> StopAsync()
    {
        await stop.CancelAsync();
        if (loop is not null) await loop;
        return new JsonObject
        {
            ["readings"] = samples.Count,
            ["mean"] = samples.Count == 0 ? null : Math.Round(samples.Average(), 2),
            ["max"] = samples.Count == 0 ? null : samples.Max(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }
}
