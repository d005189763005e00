using System.Diagnostics.Tracing;
using System.Text.Json.Nodes;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace ContentGrains.Bench.Load;

/// <summary>
/// What a silo's runtime allocated and collected while it was watched, counted from its own GC events: bytes allocated
/// (the sum of the allocation ticks' amounts; a tick fires every ~100 KB a heap allocates, so the count misses under
/// 100 KB a heap), collections by generation, and the bytes that survived gen0 (promoted into gen1) and gen1 (into gen2).
/// </summary>
public sealed record GcEventTotals(long AllocatedBytes, long Gen0, long Gen1, long Gen2, long SurvivedGen0Bytes, long SurvivedGen1Bytes)
{
    public static GcEventTotals Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public GcEventTotals Plus(GcEventTotals other) => new(
        AllocatedBytes + other.AllocatedBytes, Gen0 + other.Gen0, Gen1 + other.Gen1, Gen2 + other.Gen2,
        SurvivedGen0Bytes + other.SurvivedGen0Bytes, SurvivedGen1Bytes + other.SurvivedGen1Bytes);

    /// <summary>
    /// Bytes allocated per answered feed: from the GC events when they were read (<paramref name="events"/>), else the
    /// /metrics counter's reading (<paramref name="fromMetrics"/>, which can stand still under DATAS: <see cref="GcEventSession"/>).
    /// </summary>
    public static double? AllocatedBytesPerFeed(GcEventTotals? events, double? fromMetrics, long answered) =>
        events is not null && answered > 0 ? Math.Round((double)events.AllocatedBytes / answered) : fromMetrics;

    /// <summary>Per answered feed: bytes allocated and surviving; collections per 10,000 feeds.</summary>
    public JsonObject PerFeed(long feeds) => feeds <= 0 ? new JsonObject() : new JsonObject
    {
        ["allocatedBytesPerFeed"] = Math.Round((double)AllocatedBytes / feeds),
        ["survivedGen0BytesPerFeed"] = Math.Round((double)SurvivedGen0Bytes / feeds),
        ["survivedGen1BytesPerFeed"] = Math.Round((double)SurvivedGen1Bytes / feeds),
        ["gen0Per10000Feeds"] = Math.Round(Gen0 * 10_000.0 / feeds, 1),
        ["gen1Per10000Feeds"] = Math.Round(Gen1 * 10_000.0 / feeds, 1),
        ["gen2Per10000Feeds"] = Math.Round(Gen2 * 10_000.0 / feeds, 1),
    };
}

/// <summary>
/// An EventPipe session on a silo's runtime GC events (verbose: the allocation ticks), counted as they arrive; stopped,
/// it gives <see cref="GcEventTotals"/>.
/// <para>
/// Why not the runtime's allocation counter on /metrics (<c>dotnet_gc_heap_total_allocated_bytes_total</c>, that is
/// <c>GC.GetTotalAllocatedBytes</c>): under server GC with DATAS (the silo's default) the runtime sums that counter over
/// the heaps in use only, so it drops when DATAS takes a heap away, and the runtime then holds it at its highest value
/// until allocation passes that again. A 15 s window read 0 bytes per feed three rates in a row at 1045ce5
/// (<c>load-embedded-100000-10000.json</c>), then 135 KB once a heap came back. dotnet/runtime fixed the sum to cover
/// every heap (PR 131069, after the 10.0.12 runtime the bench ran on). The events count each heap's allocation as it happens.
/// </para>
/// </summary>
public sealed class GcEventSession
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;

    private readonly EventPipeSession session;
    private readonly EventPipeEventSource source;
    private readonly Task processing;
    private long allocated, gen0, gen1, gen2, survivedGen0, survivedGen1;

    private GcEventSession(EventPipeSession session)
    {
        this.session = session;
        source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCAllocationTick += tick => allocated += tick.AllocationAmount64;
        source.Clr.GCStart += start =>
        {
            switch (start.Depth)
            {
                case 0: gen0++; break;
                case 1: gen1++; break;
                default: gen2++; break;
            }
        };
        source.Clr.GCHeapStats += stats => (survivedGen0, survivedGen1) = (survivedGen0 + stats.TotalPromotedSize0, survivedGen1 + stats.TotalPromotedSize1);
        processing = Task.Run(source.Process); // an unread session would stall the runtime's writer
    }

    /// <summary>
    /// A session on process <paramref name="pid"/>, or null when its diagnostic port does not answer or
    /// <c>LOAD_GC_EVENTS=0</c> turns the sessions off (to measure latency without the tracing beside it: the figures
    /// then come from /metrics only).
    /// </summary>
    public static GcEventSession? TryStart(int pid)
    {
        if (Environment.GetEnvironmentVariable("LOAD_GC_EVENTS") == "0") return null;
        try
        {
            return new GcEventSession(new DiagnosticsClient(pid).StartEventPipeSession(
                [new EventPipeProvider(RuntimeProvider, EventLevel.Verbose, GcKeyword)], requestRundown: false, circularBufferMB: 64));
        }
        catch (Exception e) when (e is ServerNotAvailableException or DiagnosticsClientException or UnauthorizedAccessException or IOException)
        {
            Console.Error.WriteLine($"GC events of process {pid} not read: {e.Message}");
            return null;
        }
    }

    /// <summary>Stops the session and gives what it counted (every event up to the stop: the stream is read to its end).</summary>
    public async Task<GcEventTotals> StopAsync(CancellationToken cancellation)
    {
        await session.StopAsync(cancellation);
        try { await processing; } catch (IOException) { } catch (ObjectDisposedException) { } // the stream ends as the session stops
        source.Dispose();
        session.Dispose();
        return new GcEventTotals(allocated, gen0, gen1, gen2, survivedGen0, survivedGen1);
    }
}
