using System.Text;
using ContentGrains.Bench;
using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>A silo seen from outside: its API and its process id (for /proc).</summary>
public sealed record SiloHandle(HttpClient Http, int Pid);

/// <summary>What the silos held at one moment: user grain activations (Orleans' meter), process RSS (/proc) and the GC heap
/// after the last collection (the runtime's meter), summed over the silos.</summary>
public sealed record MemoryReading(long Activations, long RssBytes, long GcHeapBytes, bool FullCollectionSeen);

/// <summary>
/// Memory per user grain in the running silo(s): a reading, then N new people each send one event (their grain activates
/// with the event applied and not yet saved, its snapshot timer armed: <b>active</b>), a reading, then a wait for their
/// snapshots to be written (<b>idle</b>: saved, no timer), a reading. Bytes per grain are the growth over the first
/// reading divided by the user grain activations added. Each reading first asks the silo for a full collection
/// (<see cref="InducedCollection"/>), so its GC heap counts live objects; the RSS counts what the runtime took from the
/// system (it gives little back at once), so it is the rougher of the two.
/// </summary>
public sealed class GrainMemoryPhase(IReadOnlyList<SiloHandle> silos, string itemId)
{
    /// <summary>The GC heap after the last collection, every generation (.NET 9+'s System.Runtime meter).</summary>
    public const string GcHeapMetric = "dotnet_gc_last_collection_heap_size_bytes";

    private const string UserGrains = "grain_type=\"user\"";
    private const string Collections = "dotnet_gc_collections_total";
    private const string Gen2 = "gc_heap_generation=\"gen2\"";

    public async Task<JsonObject> RunAsync(int people, TimeSpan idleWait, Action<string> say, CancellationToken cancellation)
    {
        var before = await ReadAsync(cancellation);
        say($"memory before: {before}");
        for (var start = 0; start < people; start += 1000)
            await PostViewsAsync(start, Math.Min(people, start + 1000), cancellation);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellation); // the last events' grains finish applying them
        var active = await ReadAsync(cancellation);
        say($"memory with {people:N0} more people active: {active}");
        await Task.Delay(idleWait, cancellation);
        var idle = await ReadAsync(cancellation);
        say($"memory after {idleWait.TotalSeconds:0} s (snapshots written): {idle}");
        return new JsonObject
        {
            ["people"] = people,
            ["idleWaitSeconds"] = idleWait.TotalSeconds,
            ["before"] = Json(before),
            ["active"] = Json(active),
            ["idle"] = Json(idle),
            ["activeBytesPerGrain"] = PerGrain(before, active),
            ["idleBytesPerGrain"] = PerGrain(before, idle),
            ["note"] = "growth over 'before' divided by the user grain activations added; GC heap after a full collection "
                + "induced in the silo (live objects), RSS from /proc (what the runtime holds from the system, garbage and free space included)",
        };
    }

    private async Task PostViewsAsync(int from, int to, CancellationToken cancellation)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var body = new StringBuilder("[");
        for (var i = from; i < to; i++)
            body.Append(i == from ? "" : ",").Append($$"""{"eventId":"memory-{{now}}-{{i}}","userId":"memory-person-{{i}}","itemId":"{{itemId}}","type":"view","timestamp":"{{now}}"}""");
        using var content = new StringContent(body.Append(']').ToString(), Encoding.UTF8, "application/json");
        using var response = await silos[(from / 1000) % silos.Count].Http.PostAsync("v1/events", content, cancellation);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /v1/events (memory people {from}-{to - 1}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellation)}");
    }

    private async Task<MemoryReading> ReadAsync(CancellationToken cancellation)
    {
        long activations = 0, rss = 0, heap = 0;
        var collected = true;
        foreach (var silo in silos)
        {
            collected &= await InducedCollection.RunAsync(silo.Pid,
                async () => SiloMetrics.Sum(await silo.Http.GetStringAsync("/metrics", cancellation), Collections, Gen2), TimeSpan.FromSeconds(30), cancellation);
            var metrics = await silo.Http.GetStringAsync("/metrics", cancellation);
            activations += (long)SiloMetrics.Sum(metrics, SiloMetrics.Activations, UserGrains);
            heap += (long)SiloMetrics.Sum(metrics, GcHeapMetric);
            rss += ProcessMemory.Read(silo.Pid)?.Rss ?? throw new InvalidOperationException($"silo process {silo.Pid} is gone");
        }
        return new MemoryReading(activations, rss, heap, collected);
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

    private static JsonObject Json(MemoryReading r) => new()
    {
        ["activations"] = r.Activations, ["rssMegabytes"] = Math.Round(r.RssBytes / 1e6, 1), ["gcHeapMegabytes"] = Math.Round(r.GcHeapBytes / 1e6, 1),
        ["fullCollectionSeen"] = r.FullCollectionSeen, // false: the induced collection did not show within 30 s, the heap holds garbage
    };
}
