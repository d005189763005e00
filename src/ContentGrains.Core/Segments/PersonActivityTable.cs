using ContentGrains.Core.Events;
using ContentGrains.Core.Log;

namespace ContentGrains.Core.Segments;

/// <summary>What the segments need to know of an item: its tags and format (null when unknown).</summary>
public sealed record ItemFacts(IReadOnlyList<string> Tags, string? Format);

/// <summary>
/// Every person's <see cref="PersonActivity"/>, gathered from events in any order (a data file, or the log read in
/// pages). Memory is about <see cref="PersonActivity.BaseBytes"/> + <see cref="PersonActivity.BytesPerEntry"/> per
/// distinct tag, format and channel of each person, so a million people with 20 tags each take about 2 GB; past
/// <c>memoryBoundBytes</c> the table stops with an error naming the bound instead of running the silo out of memory.
/// </summary>
public sealed class PersonActivityTable(TimeSpan halfLife, long memoryBoundBytes)
{
    private readonly Dictionary<string, PersonActivity> people = new(StringComparer.Ordinal);
    private long bytes;

    public int People => people.Count;
    public long Events { get; private set; }
    public DateTimeOffset? Latest { get; private set; }

    public void Add(Interaction e, ItemFacts? item)
    {
        if (!people.TryGetValue(e.UserId, out var activity))
        {
            people[e.UserId] = activity = new PersonActivity();
            bytes += activity.EstimatedBytes;
        }
        var before = activity.EstimatedBytes;
        activity.Add(e, item?.Tags ?? [], item?.Format, halfLife);
        bytes += activity.EstimatedBytes - before;
        Events++;
        if (Latest is not { } latest || e.Timestamp > latest) Latest = e.Timestamp;
        if (bytes > memoryBoundBytes)
            throw new InvalidOperationException($"the people's activity ({bytes:N0} bytes after {Events:N0} events, {people.Count:N0} people) " +
                $"outgrew the memory bound of {memoryBoundBytes:N0} bytes; raise ContentGrains:Engine:Training:MemoryBoundBytes");
    }

    /// <summary>Reads the whole log in pages of <paramref name="pageEvents"/>, looking each item up in <paramref name="items"/>.</summary>
    public async Task AddLogAsync(IEventLog log, int pageEvents, Func<string, ItemFacts?> items, CancellationToken cancellation)
    {
        long after = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var page = await log.ReadAsync(after, pageEvents, cancellation).ConfigureAwait(false);
            foreach (var logged in page) Add(logged.Event, items(logged.Event.ItemId));
            if (page.Count < pageEvents) break;
            after = page[^1].Sequence;
        }
    }

    /// <summary>Each person's signals decayed to <paramref name="now"/>, in id order.</summary>
    public IReadOnlyList<(string UserId, PersonSignals Signals)> Signals(DateTimeOffset now)
    {
        var builder = new PersonSignalsBuilder(halfLife);
        return people.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, builder.FromActivity(kv.Value, now))).ToList();
    }
}
