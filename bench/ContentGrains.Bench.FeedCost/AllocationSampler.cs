using System.Diagnostics.Tracing;

namespace ContentGrains.Bench.FeedCost;

/// <summary>
/// The runtime's GCAllocationTick events in this process, summed by type: the runtime emits one for about every 100 KB a
/// thread allocates, naming the type of the object that crossed the mark, so over many feeds each type's share of the
/// ticks is its share of the bytes (a sample, not a count). dotnet-trace is not installed on the bench machine.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickId = 10;
    private const long BytesPerTick = 100 * 1024;

    private readonly Dictionary<string, long> ticksByType = new(StringComparer.Ordinal);
    private long ticks;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventId != AllocationTickId || e.PayloadNames is null) return;
        var at = e.PayloadNames.IndexOf("TypeName");
        var type = at >= 0 ? e.Payload![at] as string ?? "?" : "?";
        lock (ticksByType)
        {
            ticksByType[type] = ticksByType.GetValueOrDefault(type) + 1;
            ticks++;
        }
    }

    /// <summary>The <paramref name="top"/> types by ticks, with their estimated bytes per feed (ticks × 100 KB / feeds).</summary>
    public object Top(int top, int feeds)
    {
        // Events arrive on the runtime's dispatch thread, a little after the allocation: let the last ones land.
        Thread.Sleep(TimeSpan.FromSeconds(2));
        lock (ticksByType)
            return new
            {
                ticks,
                note = "sampled: one tick per ~100 KB allocated, charged to the type whose allocation crossed it; all threads of the process",
                types = ticksByType.OrderByDescending(kv => kv.Value).Take(top)
                    .Select(kv => new { type = kv.Key, ticks = kv.Value, estimatedBytesPerFeed = kv.Value * BytesPerTick / feeds }).ToList(),
            };
    }
}
