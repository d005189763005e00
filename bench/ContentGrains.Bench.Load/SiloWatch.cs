using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>
/// What the silos spent while feeds were measured, summed over them: process CPU (/proc), the runtime's allocations and
/// collections, and the item text vector worker (queue, encoded, the encoder's CPU) from GET /metrics. Read before and
/// after each rate of a sweep: on a shared machine latency measures the queue for a core, these do not nearly as much,
/// and the encoder's share says whether background MiniLM work ran during the measurement.
/// </summary>
public sealed class SiloWatch(IReadOnlyList<SiloHandle> silos)
{
    public sealed record Reading(double? CpuSeconds, RuntimeCounters Runtime, TextVectorCounters TextVectors);

    public async Task<Reading> ReadAsync(CancellationToken cancellation)
    {
        double? cpu = 0;
        var (runtime, textVectors) = (RuntimeCounters.Zero, TextVectorCounters.Zero);
        foreach (var silo in silos)
        {
            cpu = ProcessMemory.CpuSeconds(silo.Pid) is { } seconds ? cpu + seconds : null;
            var metrics = await silo.Http.GetStringAsync("/metrics", cancellation);
            runtime = runtime.Plus(RuntimeCounters.Of(metrics));
            textVectors = textVectors.Plus(TextVectorCounters.Of(metrics));
        }
        return new Reading(cpu, runtime, textVectors);
    }

    /// <summary>Per answered feed: the silos' CPU and allocations, collections per 10,000; and the text vector work in between.</summary>
    public static JsonObject Between(Reading start, Reading end, long answered)
    {
        var cpu = end.CpuSeconds - start.CpuSeconds;
        var runtime = end.Runtime.Since(start.Runtime);
        return new JsonObject
        {
            ["cpuMsPerFeed"] = cpu is { } c && answered > 0 ? Math.Round(c * 1000 / answered, 3) : null,
            ["allocatedBytesPerFeed"] = answered > 0 ? Math.Round(runtime.AllocatedBytes / answered) : null,
            ["gcPer10000Feeds"] = runtime.Per10000Feeds(answered),
            ["textVectors"] = TextVectorCounters.During(start.TextVectors, end.TextVectors, cpu),
        };
    }
}
