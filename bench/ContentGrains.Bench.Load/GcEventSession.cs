using System.Diagnostics.Tracing;
using System.Text.Json.Nodes;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace ContentGrains.Bench.Load;

/// <summary>
/// What a silo's runtime allocated and collected while it was watched, counted from its own GC events: bytes allocated
/// (the sum of the allocation ticks' amounts; a tick fires every ~100 KB a heap allocates, so the count misses under
/// 100 KB a heap), collections by generation, the bytes that survived gen0 (promoted into gen1) and gen1 (into gen2),
/// and where the pauses went (<see cref="GcPauseTotals"/>).
/// </summary>
public sealed record GcEventTotals(long AllocatedBytes, long Gen0, long Gen1, long Gen2, long SurvivedGen0Bytes, long SurvivedGen1Bytes, GcPauseTotals Pauses)
{
    public static GcEventTotals Zero { get; } = new(0, 0, 0, 0, 0, 0, GcPauseTotals.Zero);

    public GcEventTotals Plus(GcEventTotals other) => new(
        AllocatedBytes + other.AllocatedBytes, Gen0 + other.Gen0, Gen1 + other.Gen1, Gen2 + other.Gen2,
        SurvivedGen0Bytes + other.SurvivedGen0Bytes, SurvivedGen1Bytes + other.SurvivedGen1Bytes, Pauses.Plus(other.Pauses));

    /// <summary>
    /// Bytes allocated per answered feed: from the GC events when they were read (<paramref name="events"/>), else the
    /// /metrics counter's reading (<paramref name="fromMetrics"/>, which can stand still under DATAS: <see cref="GcEventSession"/>).
    /// </summary>
    public static double? AllocatedBytesPerFeed(GcEventTotals? events, double? fromMetrics, long answered) =>
        events is not null && answered > 0 ? Math.Round((double)events.AllocatedBytes / answered) : fromMetrics;

    /// <summary>Per answered feed: bytes allocated and surviving; collections per 10,000 feeds; the pauses' phases.</summary>
    public JsonObject PerFeed(long feeds) => feeds <= 0 ? new JsonObject() : new JsonObject
    {
        ["allocatedBytesPerFeed"] = Math.Round((double)AllocatedBytes / feeds),
        ["survivedGen0BytesPerFeed"] = Math.Round((double)SurvivedGen0Bytes / feeds),
        ["survivedGen1BytesPerFeed"] = Math.Round((double)SurvivedGen1Bytes / feeds),
        ["gen0Per10000Feeds"] = Math.Round(Gen0 * 10_000.0 / feeds, 1),
        ["gen1Per10000Feeds"] = Math.Round(Gen1 * 10_000.0 / feeds, 1),
        ["gen2Per10000Feeds"] = Math.Round(Gen2 * 10_000.0 / feeds, 1),
        ["pauses"] = Pauses.ToJson(),
    };
}

/// <summary>
/// Where the watched collections' pauses went, from the runtime's own events: each pause (execution engine suspended
/// to restarted) with its suspension, then per blocking collection the mark phase by root kind (the time between a
/// heap's successive <c>GCMarkWithType</c> events, the slowest heap's, and the bytes each kind promoted, all heaps), and
/// what followed the marking (plan, relocate, compact or sweep) up to the collection's end. Summed over the pauses.
/// </summary>
public sealed record GcPauseTotals(int Count, double TotalMs, double MaxMs, double SuspendMs, double AfterMarkMs,
    IReadOnlyDictionary<string, double> MarkMsByRoot, IReadOnlyDictionary<string, long> PromotedBytesByRoot)
{
    public static GcPauseTotals Zero { get; } = new(0, 0, 0, 0, 0, new Dictionary<string, double>(), new Dictionary<string, long>());

    /// <summary>The runtime's mark root kinds, by the <c>Type</c> of <c>GCMarkWithType</c>.</summary>
    public static string RootName(int type) => type switch
    {
        0 => "stacks", 1 => "finalizationQueue", 2 => "handles", 3 => "olderGenerations (cards)", 4 => "sizedRefs",
        5 => "overflow", 6 => "dependentHandles", 7 => "newFinalizationQueue", 8 => "steal", 9 => "backgroundRoots",
        _ => $"kind {type}",
    };

    public GcPauseTotals Plus(GcPauseTotals other) => new(Count + other.Count, TotalMs + other.TotalMs, Math.Max(MaxMs, other.MaxMs),
        SuspendMs + other.SuspendMs, AfterMarkMs + other.AfterMarkMs, Sum(MarkMsByRoot, other.MarkMsByRoot), Sum(PromotedBytesByRoot, other.PromotedBytesByRoot));

    private static Dictionary<string, T> Sum<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b) where T : System.Numerics.INumber<T>
    {
        var sum = a.ToDictionary();
        foreach (var (key, value) in b) sum[key] = sum.GetValueOrDefault(key, T.Zero) + value;
        return sum;
    }

    public JsonObject ToJson() => new()
    {
        ["count"] = Count,
        ["totalMs"] = Math.Round(TotalMs, 1),
        ["meanMs"] = Count > 0 ? Math.Round(TotalMs / Count, 2) : null,
        ["maxMs"] = Math.Round(MaxMs, 1),
        ["suspendMs"] = Math.Round(SuspendMs, 1),
        ["markMsByRoot"] = new JsonObject(MarkMsByRoot.OrderByDescending(p => p.Value).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Math.Round(p.Value, 1)))),
        ["afterMarkMs"] = Math.Round(AfterMarkMs, 1),
        ["promotedBytesByRoot"] = new JsonObject(PromotedBytesByRoot.OrderByDescending(p => p.Value).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
    };
}

/// <summary>Adds up <see cref="GcPauseTotals"/> as a runtime's GC events arrive (one reader thread: no locking).</summary>
public sealed class GcPauseRecorder
{
    private readonly Dictionary<int, double> lastMarkOnHeap = [];
    private readonly Dictionary<(int Heap, string Root), double> currentMark = [];
    private readonly Dictionary<string, double> markMs = [];
    private readonly Dictionary<string, long> promoted = [];
    private double suspendStart = double.NaN, gcStart = double.NaN;
    private int count;
    private double total, max, suspend, afterMark;

    public void SuspendStarted(double ms) => suspendStart = ms;
    public void SuspendEnded(double ms) { if (!double.IsNaN(suspendStart)) suspend += ms - suspendStart; }

    /// <summary>A background collection marks while the program runs: only blocking collections' phases are pause.</summary>
    public void CollectionStarted(double ms, bool background)
    {
        gcStart = background ? double.NaN : ms;
        lastMarkOnHeap.Clear();
        currentMark.Clear();
    }

    public void Marked(double ms, int heap, int type, long bytes)
    {
        if (double.IsNaN(gcStart)) return;
        var root = GcPauseTotals.RootName(type);
        currentMark[(heap, root)] = currentMark.GetValueOrDefault((heap, root)) + ms - lastMarkOnHeap.GetValueOrDefault(heap, gcStart);
        promoted[root] = promoted.GetValueOrDefault(root) + bytes;
        lastMarkOnHeap[heap] = ms;
    }

    /// <summary>The collection's mark time per root kind is its slowest heap's: the pause waits for every heap.</summary>
    public void CollectionEnded(double ms)
    {
        if (!double.IsNaN(gcStart) && lastMarkOnHeap.Count > 0)
        {
            afterMark += ms - lastMarkOnHeap.Values.Max();
            foreach (var byRoot in currentMark.GroupBy(p => p.Key.Root))
                markMs[byRoot.Key] = markMs.GetValueOrDefault(byRoot.Key) + byRoot.Max(p => p.Value);
        }
        gcStart = double.NaN;
    }

    public void Restarted(double ms)
    {
        if (double.IsNaN(suspendStart)) return;
        var pause = ms - suspendStart;
        (count, total, max) = (count + 1, total + pause, Math.Max(max, pause));
        suspendStart = double.NaN;
    }

    public GcPauseTotals Totals() => new(count, total, max, suspend, afterMark, markMs.ToDictionary(), promoted.ToDictionary());
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
    private readonly GcPauseRecorder pauses = new();
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
        source.Clr.GCSuspendEEStart += e => pauses.SuspendStarted(e.TimeStampRelativeMSec);
        source.Clr.GCSuspendEEStop += e => pauses.SuspendEnded(e.TimeStampRelativeMSec);
        source.Clr.GCStart += e => pauses.CollectionStarted(e.TimeStampRelativeMSec, e.Type == Microsoft.Diagnostics.Tracing.Parsers.Clr.GCType.BackgroundGC);
        source.Clr.GCMarkWithType += e => pauses.Marked(e.TimeStampRelativeMSec, e.HeapNum, (int)e.Type, e.Promoted);
        source.Clr.GCStop += e => pauses.CollectionEnded(e.TimeStampRelativeMSec);
        source.Clr.GCRestartEEStop += e => pauses.Restarted(e.TimeStampRelativeMSec);
        source.Clr.GCHeapStats += stats => (survivedGen0, survivedGen1) = (survivedGen0 + stats.TotalPromotedSize0, survivedGen1 + stats.TotalPromotedSize1);
        // An unread session would stall the runtime's writer. Process() blocks until the session stops, so it gets a thread
        // of its own: on a thread-pool thread, the cluster's two sessions held both of a 2-core machine's minimum threads,
        // and the open-loop clients waited for the pool to inject more: the 0.6-2 s stalls of session 15's cluster runs.
        processing = Task.Factory.StartNew(() =>
        {
            ReadOnThreadPool = Thread.CurrentThread.IsThreadPoolThread;
            source.Process();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Whether the stream is read on a thread-pool thread (it must not be: see the constructor); null until reading starts.</summary>
    public bool? ReadOnThreadPool { get; private set; }

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
        return new GcEventTotals(allocated, gen0, gen1, gen2, survivedGen0, survivedGen1, pauses.Totals());
    }
}
