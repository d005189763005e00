using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ContentGrains.Core.Catalog;

/// <summary>
/// A silo's catalog, kept up to date by deltas: each changed entry is applied on its own (O(tags × log N)), and
/// <see cref="Publish"/> hands out a <see cref="CatalogSnapshot"/> that feeds read without locks. Items keep the slot
/// they were given on arrival for the life of the view, so a snapshot's entry indices, and the join with a model
/// (<see cref="Live.ModelCatalogLink"/>), only ever grow. The orderings a feed reads (most popular, freshest, most
/// popular per tag, under-exposed) are bounded lists; nothing here sorts or scans the catalog on a refresh, except
/// the rare rebuild of a list that removals left half empty.
/// Popularity decays at the same rate for every item, so its order never changes with time alone: the ordering key
/// log2(value) + asOf / half-life is fixed until the item's next event, and decaying to "now" happens on read.
/// </summary>
public sealed class CatalogView
{
    private readonly Lock writing = new();
    private readonly ConcurrentDictionary<string, int> slotOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> interned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundedRanking> byTag = new(StringComparer.Ordinal);
    private readonly HashSet<string> changedTags = new(StringComparer.Ordinal);
    private readonly BoundedRanking popular;
    private readonly BoundedRanking fresh;
    private readonly UnderExposedPool underExposed;
    private ImmutableDictionary<string, int[]> publishedTags = ImmutableDictionary.Create<string, int[]>(StringComparer.Ordinal);
    private CatalogEntry[] slots = new CatalogEntry[256];
    private int count;
    private long changes;
    private CatalogSnapshot? last;
    private int[]? lastUnderExposedPool;

    public CatalogView(TimeSpan trendHalfLife, CatalogViewSettings settings)
    {
        TrendHalfLife = trendHalfLife;
        Settings = settings;
        popular = new BoundedRanking(settings.PopularCapacity);
        fresh = new BoundedRanking(settings.FreshCapacity);
        underExposed = new UnderExposedPool(settings.UnderExposedCapacity, settings.UnderExposedMaxEvents);
    }

    public TimeSpan TrendHalfLife { get; }
    public CatalogViewSettings Settings { get; }
    public int Count => Volatile.Read(ref count);

    /// <summary>Adds an item or replaces what the view knew of it (metadata, popularity, or both).</summary>
    public void Apply(CatalogEntry entry)
    {
        lock (writing) ApplyLocked(Intern(entry));
    }

    public void ApplyAll(IEnumerable<CatalogEntry> entries)
    {
        lock (writing)
            foreach (var entry in entries) ApplyLocked(Intern(entry));
    }

    /// <summary>
    /// The view as it is now, for any number of concurrent readers: the same object until something changes.
    /// The orderings are copied only where they changed (O(N) for a changed list of N).
    /// </summary>
    /// <param name="version">The version the snapshot reports; by default the number of changes applied so far.</param>
    public CatalogSnapshot Publish(DateTimeOffset now, long? version = null)
    {
        lock (writing)
        {
            if (last is not null && last.Version == (version ?? changes)) return last;
            RebuildUnderfilledLists();
            underExposed.TopUp(new SlotList(slots, count), Settings.TopUpScanPerRefresh);
            foreach (var tag in changedTags) publishedTags = publishedTags.SetItem(tag, byTag[tag].Publish());
            changedTags.Clear();
            last = new CatalogSnapshot(this, version ?? changes, new SlotList(slots, count), now,
                popular.Publish(), fresh.Publish(), publishedTags, UnderExposedById());
            return last;
        }
    }

    /// <summary>
    /// The under-exposed slots in item id order (sorted here, once per change of the bounded pool, not per feed): the
    /// exploration pick then depends only on which items are eligible, not on the slots this silo gave them.
    /// </summary>
    private int[] UnderExposedById()
    {
        var pool = underExposed.Publish();
        if (ReferenceEquals(pool, lastUnderExposedPool)) return last!.UnderExposed;
        lastUnderExposedPool = pool;
        var byId = pool.ToArray();
        Array.Sort(byId, (a, b) => string.CompareOrdinal(slots[a].ItemId, slots[b].ItemId));
        return byId;
    }

    /// <summary>The slot of an item, or -1; a snapshot only answers for the slots it covers.</summary>
    internal int SlotOf(string itemId) => slotOf.TryGetValue(itemId, out var slot) ? slot : -1;

    /// <summary>The key popularity is ranked by: it orders items as their popularity decayed to any common instant would.</summary>
    public double PopularityKey(Profiles.DecayingValue trend) =>
        trend.Value <= 0 ? double.NegativeInfinity
        : Math.Log2(trend.Value) + (TrendHalfLife > TimeSpan.Zero ? trend.AsOfUnixMs / TrendHalfLife.TotalMilliseconds : 0);

    private void ApplyLocked(CatalogEntry entry)
    {
        var isNew = !slotOf.TryGetValue(entry.ItemId, out var slot);
        var old = isNew ? null : slots[slot];
        if (isNew)
        {
            slot = count;
            if (slot == slots.Length) Array.Resize(ref slots, slots.Length * 2);
        }
        slots[slot] = entry;
        if (isNew)
        {
            slotOf[entry.ItemId] = slot;
            Volatile.Write(ref count, slot + 1);
        }
        var key = PopularityKey(entry.Trend);
        popular.Set(slot, key, entry.ItemId);
        if (entry.PublishedAt is { } published) fresh.Set(slot, published.UtcTicks, entry.ItemId);
        else fresh.Remove(slot);
        UpdateTags(slot, old, entry, key);
        underExposed.Update(slot, entry.EventsApplied, isNew);
        changes++;
    }

    private void UpdateTags(int slot, CatalogEntry? old, CatalogEntry entry, double key)
    {
        if (old is not null)
            foreach (var tag in old.Tags)
                if (!entry.Tags.Contains(tag, StringComparer.Ordinal) && byTag.TryGetValue(tag, out var gone))
                {
                    gone.Remove(slot);
                    changedTags.Add(tag);
                }
        foreach (var tag in entry.Tags)
        {
            if (!byTag.TryGetValue(tag, out var ranking)) byTag[tag] = ranking = new BoundedRanking(Settings.PerTagCapacity);
            ranking.Set(slot, key, entry.ItemId);
            changedTags.Add(tag);
        }
    }

    /// <summary>The rare full scan: a list that removals left under half full while items outside may belong in it.</summary>
    private void RebuildUnderfilledLists()
    {
        if (fresh.NeedsRebuild)
            fresh.Rebuild(Scan().Where(s => s.Entry.PublishedAt is not null).Select(s => (s.Slot, (double)s.Entry.PublishedAt!.Value.UtcTicks, s.Entry.ItemId)));
        foreach (var tag in changedTags)
            if (byTag[tag].NeedsRebuild)
                byTag[tag].Rebuild(Scan().Where(s => s.Entry.Tags.Contains(tag, StringComparer.Ordinal)).Select(s => (s.Slot, PopularityKey(s.Entry.Trend), s.Entry.ItemId)));
    }

    private IEnumerable<(int Slot, CatalogEntry Entry)> Scan()
    {
        for (var slot = 0; slot < count; slot++) yield return (slot, slots[slot]);
    }

    /// <summary>One string instance per distinct tag and channel: a million items share a few thousand of them.</summary>
    private CatalogEntry Intern(CatalogEntry entry) =>
        entry with { Tags = InternAll(entry.Tags), Channels = InternAll(entry.Channels) };

    private string[] InternAll(IReadOnlyList<string> values)
    {
        if (values.Count == 0) return [];
        var result = new string[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if (!interned.TryGetValue(values[i], out var known)) interned[values[i]] = known = values[i];
            result[i] = known;
        }
        return result;
    }
}

/// <summary>The first <see cref="Count"/> slots of the view's slot array, as a snapshot sees them.</summary>
internal sealed class SlotList(CatalogEntry[] slots, int count) : IReadOnlyList<CatalogEntry>
{
    public int Count => count;
    public CatalogEntry this[int index] => (uint)index < (uint)count ? slots[index] : throw new ArgumentOutOfRangeException(nameof(index));
    public IEnumerator<CatalogEntry> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return slots[i];
    }
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
