using System.Diagnostics;
using System.Net;

namespace ContentGrains.Bench.Load;

/// <summary>One answered (or failed) feed request: when it was due, how long it took from then, and its status (0: no answer).</summary>
public readonly record struct FeedSample(double DueSeconds, double LatencyMs, int Status);

/// <summary>
/// Drives GET /v1/users/{id}/feed?count=K for random people with the options' clients over pooled connections, for a
/// warm-up (not kept) and then the measured time. Closed loop, or open loop at a fixed rate when the options ask.
/// </summary>
public sealed class FeedLoad(HttpClient http, LoadOptions options)
{
    private long notSent;

    /// <summary>Open loop: requests of the schedule never sent because the engine fell a whole run's length behind.</summary>
    public long NotSent => Interlocked.Read(ref notSent);

    public async Task<List<FeedSample>> RunAsync(double seconds, int seed, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var perClient = new List<FeedSample>[options.Clients];
        var workers = Enumerable.Range(0, options.Clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(seed, c));
            var samples = perClient[c] = new List<FeedSample>(4096);
            if (options.Rate is { } rate) await OpenLoopAsync(random, samples, clock, seconds, rate / options.Clients, c, cancellation);
            else await ClosedLoopAsync(random, samples, clock, seconds, cancellation);
        }, cancellation)).ToArray();
        await Task.WhenAll(workers);
        return [.. perClient.SelectMany(s => s).OrderBy(s => s.DueSeconds)];
    }

    private async Task ClosedLoopAsync(Random random, List<FeedSample> samples, Stopwatch clock, double seconds, CancellationToken cancellation)
    {
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var due = clock.Elapsed.TotalSeconds;
            var status = await GetFeedAsync(random.Next(options.Users), cancellation);
            samples.Add(new FeedSample(due, (clock.Elapsed.TotalSeconds - due) * 1000, status));
        }
    }

    /// <summary>
    /// Each client sends every clients/rate seconds, offset from the others; latency counts from the due time. An engine
    /// slower than the rate leaves the schedule behind: once a request is more than the run's length overdue, the
    /// client stops, so the run stays bounded (at most twice its length); the requests not sent are counted apart.
    /// </summary>
    private async Task OpenLoopAsync(Random random, List<FeedSample> samples, Stopwatch clock, double seconds, double clientRate, int client, CancellationToken cancellation)
    {
        var interval = 1.0 / clientRate;
        for (var due = client * interval / options.Clients; due < seconds; due += interval)
        {
            if (clock.Elapsed.TotalSeconds - due > seconds)
            {
                Interlocked.Add(ref notSent, (long)Math.Ceiling((seconds - due) / interval));
                return;
            }
            var wait = due - clock.Elapsed.TotalSeconds;
            if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait), cancellation);
            var status = await GetFeedAsync(random.Next(options.Users), cancellation);
            samples.Add(new FeedSample(due, (clock.Elapsed.TotalSeconds - due) * 1000, status));
        }
    }

    private async Task<int> GetFeedAsync(int user, CancellationToken cancellation)
    {
        try
        {
            using var response = await http.GetAsync($"v1/users/u{user}/feed?count={options.Count}", HttpCompletionOption.ResponseContentRead, cancellation);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException) { return 0; }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested) { return 0; } // the client's timeout
    }

    /// <summary>The first feed of person u0, to name the model versions that serve the run in its result.</summary>
    public async Task<string> SampleFeedAsync(CancellationToken cancellation)
    {
        using var response = await http.GetAsync($"v1/users/u0/feed?count={options.Count}", cancellation);
        var body = await response.Content.ReadAsStringAsync(cancellation);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET feed of u0 answered {(int)response.StatusCode}: {body}");
        return body;
    }
}
