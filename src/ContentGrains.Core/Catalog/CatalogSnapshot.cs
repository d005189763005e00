using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Catalog;

/// <summary>
/// A read-only view of the catalog at one refresh, shared by every feed request on a silo: entries by slot, and the
/// orderings a feed needs, each a bounded list (<see cref="CatalogViewSettings"/>): most popular, freshest, most
/// popular per tag, and under-exposed items for exploration. Published by a <see cref="CatalogView"/> in
/// O(changed lists), never by sorting the catalog. Popularity is decayed to <see cref="BuiltAt"/> when read.
/// The orderings and the set of slots are fixed at publication; an entry itself is read from the view's slot, so a
/// reader holding an older snapshot may see an item's newer metadata or popularity (never another item).
/// </summary>
public sealed class CatalogSnapshot
{
    public static readonly CatalogSnapshot Empty = new(0, [], DateTimeOffset.UnixEpoch, TimeSpan.FromDays(1));

    internal CatalogSnapshot(CatalogView view, long version, IReadOnlyList<CatalogEntry> entries, DateTimeOffset builtAt,
        int[] byPopularity, int[] byFreshness, IReadOnlyDictionary<string, int[]> byTag, int[] underExposed)
    {
        View = view;
        Version = version;
        Entries = entries;
        BuiltAt = builtAt;
        ByPopularity = byPopularity;
        ByFreshness = byFreshness;
        ByTag = byTag;
        UnderExposed = underExposed;
        Popularity = new DecayedPopularity(entries, builtAt, view.TrendHalfLife);
        MaxPopularity = byPopularity.Length == 0 ? 0 : Math.Max(0, Popularity[byPopularity[0]]);
    }

    /// <summary>A snapshot of exactly these entries, with every ordering complete (tests, benchmarks, small catalogs).</summary>
    public CatalogSnapshot(long version, IReadOnlyList<CatalogEntry> entries, DateTimeOffset builtAt, TimeSpan trendHalfLife, long underExposedMaxEvents = 20)
        : this(Build(entries, builtAt, trendHalfLife, version, underExposedMaxEvents))
    {
    }

    private CatalogSnapshot(CatalogSnapshot built)
        : this(built.View, built.Version, built.Entries, built.BuiltAt, built.ByPopularity, built.ByFreshness, built.ByTag, built.UnderExposed)
    {
    }

    /// <summary>The view this snapshot came from: slots mean the same item in every snapshot of one view.</summary>
    public CatalogView View { get; }
    public long Version { get; }
    public DateTimeOffset BuiltAt { get; }
    /// <summary>Entries by slot.</summary>
    public IReadOnlyList<CatalogEntry> Entries { get; }
    /// <summary>Slots, most popular first (the top <see cref="CatalogViewSettings.PopularCapacity"/>).</summary>
    public int[] ByPopularity { get; }
    /// <summary>Slots of entries with a publish time, newest first (the top <see cref="CatalogViewSettings.FreshCapacity"/>).</summary>
    public int[] ByFreshness { get; }
    /// <summary>Per tag, its slots most popular first (the top <see cref="CatalogViewSettings.PerTagCapacity"/>).</summary>
    public IReadOnlyDictionary<string, int[]> ByTag { get; }
    /// <summary>Slots of items with few events so far, for the exploration slot, in item id order.</summary>
    public int[] UnderExposed { get; }
    /// <summary>Popularity decayed to <see cref="BuiltAt"/>, per slot (computed on read).</summary>
    public IReadOnlyList<double> Popularity { get; }
    public double MaxPopularity { get; }

    public CatalogEntry? Find(string itemId) => IndexOf(itemId) is var slot and >= 0 ? Entries[slot] : null;

    /// <summary>The slot of an item, or -1 when this snapshot does not have it.</summary>
    public int IndexOf(string itemId) => View.SlotOf(itemId) is var slot && slot < Entries.Count ? slot : -1;

    private static CatalogSnapshot Build(IReadOnlyList<CatalogEntry> entries, DateTimeOffset builtAt, TimeSpan halfLife, long version, long underExposedMaxEvents)
    {
        var view = new CatalogView(halfLife, CatalogViewSettings.Unbounded(entries.Count, underExposedMaxEvents));
        view.ApplyAll(entries);
        return view.Publish(builtAt, version);
    }

    private sealed class DecayedPopularity(IReadOnlyList<CatalogEntry> entries, DateTimeOffset at, TimeSpan halfLife) : IReadOnlyList<double>
    {
        public int Count => entries.Count;
        public double this[int index] => entries[index].Trend.ValueAt(at, halfLife);
        public IEnumerator<double> GetEnumerator()
        {
            for (var i = 0; i < entries.Count; i++) yield return this[i];
        }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
