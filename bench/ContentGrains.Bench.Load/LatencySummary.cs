using ContentGrains.Bench;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>
/// What a run of feed requests measured: answered feeds per second, latency percentiles of the answered ones (nearest
/// rank, <see cref="Percentiles"/>), errors by status, and the open loop's late and never-sent requests.
/// </summary>
public sealed record LatencySummary(
    int Requests, int Answered, double Seconds, double P50, double P90, double P99, double P999, double Max,
    long Late, long NotSent, IReadOnlyDictionary<string, int> ErrorsByStatus, IReadOnlyList<SecondOfRun> BySecond)
{
    public int Errors => Requests - Answered;
    public double FeedsPerSecond => Seconds > 0 ? Answered / Seconds : 0;

    public static LatencySummary Of(LoadRun run, double seconds)
    {
        var ok = run.Samples.Where(s => s.Status == 200).Select(s => s.LatencyMs).Order().ToArray();
        var errors = run.Samples.Where(s => s.Status != 200).GroupBy(s => s.Status)
            .ToDictionary(g => g.Key == 0 ? "no answer" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.Count());
        double At(double p) => Percentiles.OfSorted(ok, p);
        return new LatencySummary(run.Samples.Count, ok.Length, seconds, At(50), At(90), At(99), At(99.9),
            ok.Length == 0 ? double.NaN : ok[^1], run.Late, run.NotSent, errors, SecondOfRun.Of(run));
    }

    /// <summary>The figures as the result files write them (milliseconds to 2 decimals; null where nothing was answered).</summary>
    public JsonObject ToJson() => new()
    {
        ["seconds"] = Math.Round(Seconds, 1),
        ["requests"] = Requests,
        ["feedsPerSecond"] = Math.Round(FeedsPerSecond, 1),
        ["latencyMs"] = new JsonObject { ["p50"] = Ms(P50), ["p90"] = Ms(P90), ["p99"] = Ms(P99), ["p99.9"] = Ms(P999), ["max"] = Ms(Max) },
        ["errors"] = Errors,
        ["errorsByStatus"] = JsonSerializer.SerializeToNode(ErrorsByStatus),
        ["late"] = Late, // open loop: sent after their due time because the client still waited for the previous answer
        ["notSent"] = NotSent, // open loop: dropped once the engine was a whole run behind the schedule
        // When in the run the slow answers were: a stall shows as a run of seconds, a periodic one as seconds apart.
        ["maxMsBySecond"] = new JsonArray([.. BySecond.Select(s => (JsonNode?)Ms(s.MaxMs))]),
        ["over10MsBySecond"] = new JsonArray([.. BySecond.Select(s => (JsonNode?)s.Over10Ms)]),
    };

    private static double? Ms(double value) => double.IsNaN(value) ? null : Math.Round(value, 2);

    public override string ToString() =>
        $"{FeedsPerSecond:N0} feeds/s; p50 {P50:0.00} ms, p99 {P99:0.00} ms, p99.9 {P999:0.00} ms; {Errors} errors, {Late} late, {NotSent} not sent";
}

/// <summary>One second of a run, by due time: its slowest answer and how many answers took over 10 ms (the target's mark).</summary>
public sealed record SecondOfRun(double MaxMs, int Over10Ms)
{
    public static IReadOnlyList<SecondOfRun> Of(LoadRun run) =>
        [.. run.Samples.Where(s => s.Status == 200).GroupBy(s => (int)s.DueSeconds).OrderBy(g => g.Key)
            .Select(g => new SecondOfRun(g.Max(s => s.LatencyMs), g.Count(s => s.LatencyMs > 10)))];
}
