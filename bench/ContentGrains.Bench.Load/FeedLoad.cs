namespace ContentGrains.Bench.Load;

/// <summary>One answered (or failed) feed request: when it was due, how long it took from then, and its status (0: no answer).</summary>
public readonly record struct FeedSample(double DueSeconds, double LatencyMs, int Status);

/// <summary>Every request of one run, in due order, with the open loop's late and never-sent counts (0 for a closed loop).</summary>
public sealed record LoadRun(IReadOnlyList<FeedSample> Samples, long Late, long NotSent);

/// <summary>
/// Drives feed requests for random people u0 … u{users-1} (the ids `contentgrains simulate bulk` writes; another
/// <paramref name="personPrefix"/> for people posted under other ids, as the memory phase's) at a target (HTTP or Orleans)
/// with <c>clients</c> concurrent clients: a closed loop, or an open loop on an <see cref="OpenLoopSchedule"/>.
/// </summary>
public sealed class FeedLoad(IFeedTarget target, int users, int clients, int count, string personPrefix = "u")
{
    /// <summary>Closed loop: each client sends its next request when the last is answered.</summary>
    public async Task<LoadRun> RunClosedAsync(double seconds, int seed, CancellationToken cancellation)
    {
        var clock = new StopwatchClock();
        var samples = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(seed, c));
            var mine = new List<FeedSample>(4096);
            while (clock.Now < seconds) mine.Add(await SendAsync(random, clock, clock.Now, cancellation));
            return mine;
        }, cancellation)));
        return new LoadRun(InDueOrder(samples), 0, 0);
    }

    /// <summary>Open loop at <paramref name="rate"/> requests/s; latency from each request's due time.</summary>
    public async Task<LoadRun> RunOpenAsync(double rate, double seconds, int seed, CancellationToken cancellation)
    {
        var clock = new StopwatchClock();
        var schedule = new OpenLoopSchedule(rate, clients, seconds);
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(seed, c));
            var mine = new List<FeedSample>(4096);
            var tally = await schedule.RunClientAsync(c, clock, async due => mine.Add(await SendAsync(random, clock, due, cancellation)), cancellation);
            return (mine, tally);
        }, cancellation)));
        return new LoadRun(InDueOrder(results.Select(r => r.mine)), results.Sum(r => r.tally.Late), results.Sum(r => r.tally.NotSent));
    }

    private async Task<FeedSample> SendAsync(Random random, ILoadClock clock, double due, CancellationToken cancellation)
    {
        var status = await target.GetFeedAsync($"{personPrefix}{random.Next(users)}", count, cancellation);
        return new FeedSample(due, (clock.Now - due) * 1000, status);
    }

    private static List<FeedSample> InDueOrder(IEnumerable<List<FeedSample>> perClient) => [.. perClient.SelectMany(s => s).OrderBy(s => s.DueSeconds)];
}
