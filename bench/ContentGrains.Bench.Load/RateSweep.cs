using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>One rate of a sweep and what the open loop measured at it (and the silos' spending, when watched: <see cref="SiloWatch"/>).</summary>
public sealed record RatePoint(double Rate, LatencySummary Summary, JsonObject? Silos = null, DateTimeOffset? StartedAt = null)
{
    /// <summary>Held within <paramref name="p99Ms"/>: every scheduled request sent and answered, and p99 at or below the mark.</summary>
    public bool Holds(double p99Ms) => Summary.Errors == 0 && Summary.NotSent == 0 && Summary.Answered > 0 && Summary.P99 <= p99Ms;
}

/// <summary>
/// An open-loop sweep of feed rates against one target: a warm-up (not kept), then each rate in ascending order for a
/// fixed time. It stops after the first rate whose p99 is above <see cref="StopAboveMs"/> (higher rates cannot hold what a
/// lower one did not, and each would take the run's length again, up to twice).
/// </summary>
public sealed class RateSweep(FeedLoad load, double seconds, double warmupSeconds, SiloWatch? watch = null)
{
    /// <summary>The issue's mark: the highest rate held with p99 at or below it is reported.</summary>
    public const double HeldP99Ms = 50;
    /// <summary>The target's mark at the target rate.</summary>
    public const double TargetP99Ms = 10;
    public const double TargetRate = 1000;
    public const double StopAboveMs = HeldP99Ms;

    public async Task<IReadOnlyList<RatePoint>> RunAsync(IReadOnlyList<double> rates, Action<string> say, CancellationToken cancellation)
    {
        if (warmupSeconds > 0)
        {
            var warm = await load.RunOpenAsync(rates[0], warmupSeconds, seed: 7, cancellation);
            say($"warm-up at {rates[0]}/s: {warm.Samples.Count:N0} feeds (not kept)");
        }
        var points = new List<RatePoint>();
        foreach (var rate in rates.Order())
        {
            var watching = watch is null ? null : await watch.StartAsync(cancellation);
            var startedAt = DateTimeOffset.UtcNow; // second 0 of maxMsBySecond, to line a stall up with the silos' logs
            var clock = new StopwatchClock();
            var run = await load.RunOpenAsync(rate, seconds, seed: (int)rate, cancellation);
            var summary = LatencySummary.Of(run, clock.Now);
            var silos = watch is null ? null : await watch.StopAsync(watching!, summary.Answered, cancellation);
            var point = new RatePoint(rate, summary, silos, startedAt);
            points.Add(point);
            say($"{rate,6}/s: {point.Summary}{(silos is null ? "" : $"; silos {silos["cpuMsPerFeed"]} ms CPU/feed, {silos["allocatedBytesPerFeed"]} B/feed, text vectors {silos["textVectors"]!.ToJsonString()}")}");
            if (point.Summary.Answered == 0 || point.Summary.P99 > StopAboveMs) break;
        }
        return points;
    }

    /// <summary>The highest rate of the sweep held with p99 ≤ 50 ms, or null when none was.</summary>
    public static double? HighestHeld(IEnumerable<RatePoint> points) =>
        points.Where(p => p.Holds(HeldP99Ms)).Select(p => (double?)p.Rate).Max();

    /// <summary>The sweep as the result file writes it, with its verdicts.</summary>
    public static JsonObject ToJson(IReadOnlyList<RatePoint> points)
    {
        var target = points.FirstOrDefault(p => p.Rate == TargetRate);
        var rates = new JsonArray();
        foreach (var p in points)
        {
            var json = p.Summary.ToJson();
            json.Insert(0, "rate", p.Rate);
            if (p.StartedAt is { } at) json.Insert(1, "startedAtUtc", at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            if (p.Silos is not null) json["silos"] = p.Silos;
            rates.Add(json);
        }
        return new JsonObject
        {
            ["rates"] = rates,
            ["highestRateWithP99AtMost50Ms"] = HighestHeld(points),
            ["target1000PerSecondP99AtMost10Ms"] = target is null ? null : target.Holds(TargetP99Ms),
            ["targetNote"] = target is null ? "1,000/s was not run (not in --rates, or the sweep stopped below it)" : null,
        };
    }
}
