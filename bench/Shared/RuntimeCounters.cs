using System.Text.Json.Nodes;

namespace ContentGrains.Bench;

/// <summary>
/// The silo runtime's own counters as GET /metrics exports them (.NET 9+'s System.Runtime meter through OpenTelemetry):
/// bytes allocated, collections per generation and total GC pause time. Two readings around a run give what the run
/// cost the runtime, which does not depend on how loaded the machine is the way wall-clock latency does.
/// </summary>
public sealed record RuntimeCounters(double AllocatedBytes, double Gen0, double Gen1, double Gen2, double PauseSeconds)
{
    public const string Collections = "dotnet_gc_collections_total";
    public const string PauseTime = "dotnet_gc_pause_time_seconds_total";
    public const string ThreadPoolQueue = "dotnet_thread_pool_queue_length_total";
    public const string AllocatedBytesMetric = "dotnet_gc_heap_total_allocated_bytes_total";

    public static RuntimeCounters Of(string metrics) => new(
        SiloMetrics.Sum(metrics, AllocatedBytesMetric),
        SiloMetrics.Sum(metrics, Collections, "gc_heap_generation=\"gen0\""),
        SiloMetrics.Sum(metrics, Collections, "gc_heap_generation=\"gen1\""),
        SiloMetrics.Sum(metrics, Collections, "gc_heap_generation=\"gen2\""),
        SiloMetrics.Sum(metrics, PauseTime));

    /// <summary>The counters' growth from <paramref name="before"/> to this reading.</summary>
    public RuntimeCounters Since(RuntimeCounters before) => new(
        AllocatedBytes - before.AllocatedBytes, Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2, PauseSeconds - before.PauseSeconds);

    public static RuntimeCounters Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>This reading and <paramref name="other"/> together (two silos' counters summed).</summary>
    public RuntimeCounters Plus(RuntimeCounters other) => new(
        AllocatedBytes + other.AllocatedBytes, Gen0 + other.Gen0, Gen1 + other.Gen1, Gen2 + other.Gen2, PauseSeconds + other.PauseSeconds);

    /// <summary>Collections and pause time per 10,000 answered feeds (a collection pauses every thread, so these drive the tail).</summary>
    public JsonObject Per10000Feeds(long feeds) => feeds <= 0 ? new JsonObject() : new JsonObject
    {
        ["gen0Collections"] = Math.Round(Gen0 * 10_000 / feeds, 1),
        ["gen1Collections"] = Math.Round(Gen1 * 10_000 / feeds, 1),
        ["gen2Collections"] = Math.Round(Gen2 * 10_000 / feeds, 1),
        ["gcPauseMs"] = Math.Round(PauseSeconds * 1000 * 10_000 / feeds, 1),
    };
}
