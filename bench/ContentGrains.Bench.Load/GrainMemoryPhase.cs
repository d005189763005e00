using System.Text;
using ContentGrains.Bench;
using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>A silo seen from outside: its API and its process id (for /proc).</summary>
public sealed record SiloHandle(HttpClient Http, int Pid);

/// <summary>What the silos held at one moment, summed over them: user grain activations (Orleans' meter), process RSS and
/// its peak so far (/proc), the GC heap's live bytes (what survived an induced full collection; the last collection's heap
/// size when it was not seen), the runtime meter's "heap size after the last collection" and the memory the GC had
/// committed then (what a GC heap limit bounds), read just after it, and the runtime's counters since the silo started
/// (collections, total GC pause).</summary>
public sealed record MemoryReading(
    long Activations, long RssBytes, long PeakRssBytes, long GcHeapBytes, bool FullCollectionSeen, long LastCollectionHeapBytes,
    long GcCommittedBytes, RuntimeCounters Runtime);

/// <summary>
/// Memory per user grain in the running silo(s): a reading, then N new people each send K views (1 by default; person i
/// views items i·K … i·K+K-1 of the catalog, a minute apart, so K up to the catalog's size gives K distinct items; their grain activates
/// with the event applied and not yet saved, its snapshot timer armed: <b>active</b>), a reading, then a wait for their
/// snapshots to be written (<b>idle</b>: saved, no timer), a reading. Bytes per grain are the growth over the first
/// reading divided by the user grain activations added. Each reading asks the silo for a full collection
/// (<see cref="InducedCollection"/>) and takes the bytes that survived it from that collection's own events, so its GC
/// heap counts live objects; the RSS counts what the runtime took from the system (it gives little back at once), so it
/// is the rougher of the two.
/// </summary>
public sealed class GrainMemoryPhase(IReadOnlyList<SiloHandle> silos, IReadOnlyList<string> itemIds, int eventsPerPerson = 1)
{
    /// <summary>Events per POST (the API takes up to 10,000).</summary>
    private const int EventsPerRequest = 5_000;

    /// <summary>Names this run's people and events apart from an earlier run's on the same silos.</summary>
    private readonly string run = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmssfff");

    /// <summary>The GC heap after the last collection, every generation (.NET 9+'s System.Runtime meter).</summary>
    public const string GcHeapMetric = "dotnet_gc_last_collection_heap_size_bytes";

    /// <summary>The memory the GC had committed at the last collection (the same meter).</summary>
    public const string GcCommittedMetric = "dotnet_gc_last_collection_memory_committed_size_bytes";

    private const string UserGrains = "grain_type=\"user\"";

    /// <summary>The people's ids are this prefix and their number (0 … N-1): what a feed probe asks for.</summary>
    public string PersonPrefix => $"memory-{run}-person-";

    public async Task<JsonObject> RunAsync(int people, TimeSpan idleWait, Action<string> say, CancellationToken cancellation)
    {
        var before = await ReadAsync(cancellation);
        say($"memory before: {before.Total}");
        var perRequest = Math.Max(1, EventsPerRequest / eventsPerPerson);
        var posting = System.Diagnostics.Stopwatch.StartNew();
        long accepted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, (people + perRequest - 1) / perRequest), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellation },
            async (batch, token) => Interlocked.Add(ref accepted,
                await PostViewsAsync(batch, batch * perRequest, Math.Min(people, (batch + 1) * perRequest), 0, eventsPerPerson, token)));
        var postingSeconds = posting.Elapsed.TotalSeconds;
        // Accepted events reach their grains through the ingest path's dispatch: wait (at most 2 min) until every person's grain is active.
        await ActivatedAsync(before.Total.Activations + people, TimeSpan.FromMinutes(2), cancellation);
        var active = await ReadAsync(cancellation);
        say($"memory with {people:N0} more people active ({people * (long)eventsPerPerson:N0} events posted in {postingSeconds:0} s): {active.Total}");
        await Task.Delay(idleWait, cancellation);
        var idle = await ReadAsync(cancellation);
        say($"memory after {idleWait.TotalSeconds:0} s (snapshots written): {idle.Total}");
        return new JsonObject
        {
            ["people"] = people,
            ["eventsPerPerson"] = eventsPerPerson,
            ["postingSeconds"] = Math.Round(postingSeconds, 1),
            ["eventsPosted"] = people * (long)eventsPerPerson,
            ["eventsAccepted"] = accepted, // the API's "accepted" summed over the answers: each event is new, so all of them
            ["idleWaitSeconds"] = idleWait.TotalSeconds,
            ["before"] = Json(before.Total),
            ["active"] = Json(active.Total),
            ["idle"] = Json(idle.Total),
            ["activeBytesPerGrain"] = PerGrain(before.Total, active.Total),
            ["idleBytesPerGrain"] = PerGrain(before.Total, idle.Total),
            ["perSilo"] = new JsonArray([.. before.Silos.Select((b, i) => (JsonNode)new JsonObject
            {
                ["before"] = Json(b), ["active"] = Json(active.Silos[i]), ["idle"] = Json(idle.Silos[i]),
                ["idleBytesPerGrain"] = PerGrain(b, idle.Silos[i]),
                // The silo's collections and GC pause from 'before' to 'idle' (posting, activation, snapshot writes).
                ["gcDuringGroup"] = GcJson(idle.Silos[i].Runtime.Since(b.Runtime)),
            })]),
            ["note"] = "growth over 'before' divided by the user grain activations added; GC heap: the bytes that survived a full "
                + "collection induced in the silo, from that collection's own GCHeapStats event (live objects); RSS from /proc (what the runtime holds from the system, garbage and free space included)",
        };
    }

    /// <summary>
    /// One more view each for the first <paramref name="people"/> people of the group (their next items, new event ids), once
    /// the group is idle: whether ingest is still accepted at the group's size. Returns the events the API accepted.
    /// </summary>
    public async Task<long> PostOneMoreViewAsync(int people, CancellationToken cancellation)
    {
        var perRequest = EventsPerRequest;
        long accepted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, (people + perRequest - 1) / perRequest), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellation },
            async (batch, token) => Interlocked.Add(ref accepted,
                await PostViewsAsync(batch, batch * perRequest, Math.Min(people, (batch + 1) * perRequest), eventsPerPerson, 1, token)));
        return accepted;
    }

    /// <summary>Views <paramref name="first"/> … <paramref name="first"/>+<paramref name="count"/>-1 of people
    /// <paramref name="from"/> … <paramref name="to"/>-1, in one POST; returns the events the API accepted.</summary>
    private async Task<long> PostViewsAsync(int batch, int from, int to, int first, int count, CancellationToken cancellation)
    {
        var now = DateTimeOffset.UtcNow;
        var body = new StringBuilder("[");
        for (var i = from; i < to; i++)
            for (var j = first; j < first + count; j++)
            {
                var (itemId, at) = (itemIds[(int)(((long)i * eventsPerPerson + j) % itemIds.Count)], now.AddMinutes(j - eventsPerPerson).ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
                body.Append(body.Length == 1 ? "" : ",").Append($$"""{"eventId":"memory-{{run}}-{{i}}-{{j}}","userId":"memory-{{run}}-person-{{i}}","itemId":"{{itemId}}","type":"view","timestamp":"{{at}}"}""");
            }
        // A 503 (a silo lost and the cluster recovering, as on a loaded machine) is retried, as a client would: 12 times, 5 s apart.
        var json = body.Append(']').ToString();
        for (var attempt = 1; ; attempt++)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await silos[(batch + attempt - 1) % silos.Count].Http.PostAsync("v1/events", content, cancellation);
            if (response.IsSuccessStatusCode)
                return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellation))?["accepted"]?.GetValue<long>() ?? 0;
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 12)
                throw new InvalidOperationException($"POST /v1/events (memory people {from}-{to - 1}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellation)}");
            await Task.Delay(TimeSpan.FromSeconds(5), cancellation);
        }
    }

    private async Task ActivatedAsync(long activations, TimeSpan limit, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            long now = 0;
            foreach (var silo in silos) now += (long)SiloMetrics.Sum(await silo.Http.GetStringAsync("/metrics", cancellation), SiloMetrics.Activations, UserGrains);
            if (now >= activations) return;
            await Task.Delay(1000, cancellation);
        }
    }

    /// <summary>Each silo's reading (a full collection induced first) and their sum.</summary>
    private async Task<(MemoryReading Total, IReadOnlyList<MemoryReading> Silos)> ReadAsync(CancellationToken cancellation)
    {
        var readings = new List<MemoryReading>();
        foreach (var silo in silos)
        {
            var collected = await InducedCollection.RunAsync(silo.Pid, TimeSpan.FromSeconds(30), cancellation);
            var metrics = await silo.Http.GetStringAsync("/metrics", cancellation);
            var lastCollectionHeap = (long)SiloMetrics.Sum(metrics, GcHeapMetric);
            var memory = ProcessMemory.Read(silo.Pid) ?? throw new InvalidOperationException($"silo process {silo.Pid} is gone");
            readings.Add(new MemoryReading((long)SiloMetrics.Sum(metrics, SiloMetrics.Activations, UserGrains), memory.Rss, memory.PeakRss,
                collected.SurvivedBytes ?? lastCollectionHeap, collected.Seen, lastCollectionHeap, (long)SiloMetrics.Sum(metrics, GcCommittedMetric),
                RuntimeCounters.Of(metrics)));
        }
        var runtime = readings.Select(r => r.Runtime).Aggregate((a, b) => a.Plus(b));
        var total = new MemoryReading(readings.Sum(r => r.Activations), readings.Sum(r => r.RssBytes), readings.Sum(r => r.PeakRssBytes),
            readings.Sum(r => r.GcHeapBytes), readings.All(r => r.FullCollectionSeen), readings.Sum(r => r.LastCollectionHeapBytes),
            readings.Sum(r => r.GcCommittedBytes), runtime);
        return (total, readings);
    }

    private static JsonObject PerGrain(MemoryReading before, MemoryReading after)
    {
        var grains = after.Activations - before.Activations;
        return new JsonObject
        {
            ["activationsAdded"] = grains,
            ["rss"] = grains > 0 ? Math.Round((after.RssBytes - before.RssBytes) / (double)grains) : null,
            ["gcHeap"] = grains > 0 ? Math.Round((after.GcHeapBytes - before.GcHeapBytes) / (double)grains) : null,
        };
    }

    /// <summary>Collections and GC pause over a span (the runtime's counters' growth).</summary>
    public static JsonObject GcJson(RuntimeCounters span) => new()
    {
        ["gen0Collections"] = span.Gen0, ["gen1Collections"] = span.Gen1, ["gen2Collections"] = span.Gen2,
        ["gcPauseMs"] = Math.Round(span.PauseSeconds * 1000, 1),
        ["meanPauseMs"] = span.Gen0 + span.Gen1 + span.Gen2 > 0 ? Math.Round(span.PauseSeconds * 1000 / (span.Gen0 + span.Gen1 + span.Gen2), 2) : null,
        ["allocatedMegabytes"] = Math.Round(span.AllocatedBytes / 1e6, 1),
    };

    private static JsonObject Json(MemoryReading r) => new()
    {
        ["activations"] = r.Activations, ["rssMegabytes"] = Math.Round(r.RssBytes / 1e6, 1), ["peakRssMegabytes"] = Math.Round(r.PeakRssBytes / 1e6, 1),
        ["gcHeapMegabytes"] = Math.Round(r.GcHeapBytes / 1e6, 1),
        ["fullCollectionSeen"] = r.FullCollectionSeen, // false: the induced collection's events did not arrive within 30 s, the heap holds garbage
        ["lastCollectionHeapMegabytes"] = Math.Round(r.LastCollectionHeapBytes / 1e6, 1), // the meter's reading, garbage and free space included
        ["gcCommittedMegabytes"] = Math.Round(r.GcCommittedBytes / 1e6, 1), // what the GC holds from the system: a heap limit bounds this
    };
}
