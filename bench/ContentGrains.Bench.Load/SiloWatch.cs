using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>
/// What the silos spent while feeds were measured, summed over them: process CPU (/proc), the runtime's allocations,
/// collections and surviving bytes from its GC events (<see cref="GcEventSession"/>), collections and pause time from
/// GET /metrics, the item text vector worker (queue, encoded, the encoder's CPU), and beside them the generator's own CPU
/// and the share of the machine's time a hypervisor stole (<see cref="MachineCpu"/>). Started before and stopped after
/// each rate of a sweep: on a shared machine latency measures the queue for a core, these do not nearly as much, and the
/// encoder's share says whether background MiniLM work ran during the measurement.
/// </summary>
public sealed class SiloWatch(IReadOnlyList<SiloHandle> silos)
{
    /// <param name="GeneratorCpuSeconds">This process's own CPU: the load generator shares the cores with the silos.</param>
    /// <param name="Machine">The whole machine's CPU time (<see cref="MachineCpu"/>).</param>
    public sealed record Reading(double? CpuSeconds, RuntimeCounters Runtime, TextVectorCounters TextVectors,
        double? GeneratorCpuSeconds = null, MachineCpu? Machine = null);

    /// <summary>A watch in progress: the readings at its start and a GC event session per silo (null where none started).</summary>
    public sealed record Watching(Reading Start, IReadOnlyList<GcEventSession?> GcEvents);

    public async Task<Watching> StartAsync(CancellationToken cancellation)
    {
        var start = await ReadAsync(cancellation);
        return new Watching(start, [.. silos.Select(s => GcEventSession.TryStart(s.Pid))]);
    }

    /// <summary>Stops the watch; per answered feed, as <see cref="Between"/> gives it.</summary>
    public async Task<JsonObject> StopAsync(Watching watching, long answered, CancellationToken cancellation)
    {
        GcEventTotals? events = GcEventTotals.Zero;
        foreach (var session in watching.GcEvents)
            events = session is null ? null : events?.Plus(await session.StopAsync(cancellation));
        return Between(watching.Start, await ReadAsync(cancellation), events, answered);
    }

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
        return new Reading(cpu, runtime, textVectors, ProcessMemory.CpuSeconds(Environment.ProcessId), MachineCpu.Read());
    }

    /// <summary>
    /// Per answered feed: the silos' CPU and allocations, collections per 10,000; and the text vector work in between.
    /// Allocations come from the GC events when every silo's were read (<c>gcEvents</c>); the /metrics counter's reading
    /// is kept beside them as <c>allocatedBytesPerFeedFromMetrics</c> (it can read 0 under DATAS: <see cref="GcEventSession"/>).
    /// </summary>
    public static JsonObject Between(Reading start, Reading end, GcEventTotals? events, long answered)
    {
        var cpu = end.CpuSeconds - start.CpuSeconds;
        var generator = end.GeneratorCpuSeconds - start.GeneratorCpuSeconds;
        var runtime = end.Runtime.Since(start.Runtime);
        var fromMetrics = answered > 0 ? Math.Round(runtime.AllocatedBytes / answered) : (double?)null;
        return new JsonObject
        {
            ["cpuMsPerFeed"] = cpu is { } c && answered > 0 ? Math.Round(c * 1000 / answered, 3) : null,
            ["allocatedBytesPerFeed"] = GcEventTotals.AllocatedBytesPerFeed(events, fromMetrics, answered),
            ["allocatedBytesPerFeedFromMetrics"] = fromMetrics,
            ["gcPer10000Feeds"] = runtime.Per10000Feeds(answered),
            ["gcEvents"] = events?.PerFeed(answered),
            ["textVectors"] = TextVectorCounters.During(start.TextVectors, end.TextVectors, cpu),
            ["generatorCpuMsPerFeed"] = generator is { } g && answered > 0 ? Math.Round(g * 1000 / answered, 3) : null,
            ["machine"] = start.Machine is { } from && end.Machine is { } to ? MachineCpu.During(from, to) : null,
        };
    }
}
