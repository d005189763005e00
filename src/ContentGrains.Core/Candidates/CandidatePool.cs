using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Live;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Candidates;

/// <summary>
/// The catalog entries the sources proposed for one feed, each once, minus what the person must not see again and
/// what does not fit the requested channel or the request's <see cref="ItemFilter"/>. Remembers which recent item brought an item-to-item candidate.
/// </summary>
/// <remarks>
/// A feed asks <see cref="Allows"/> thousands of times (index searches, every source, exploration). The excluded ids are
/// mapped to catalog slots once, when the pool is made (one lookup per excluded item the snapshot holds), so each ask is
/// an integer set test instead of hashing the entry's id string against the person's consumed and disliked sets. An id
/// the snapshot lacks has no slot and could never be asked about, so the answers are the same.
/// </remarks>
public sealed class CandidatePool
{
    /// <summary>About what a feed pools (the model's 200 candidates and the other sources): grown from empty, its resizes were a tenth of a feed's allocations.</summary>
    private const int ExpectedCandidates = 512;

    private readonly Dictionary<int, string?> broughtBy;
    private readonly CatalogSnapshot catalog;
    private readonly HashSet<int> excludedSlots;
    private readonly string? channel;
    private readonly ItemFilter? filter;
    private ModelItemFilter? modelItems;

    public CandidatePool(CatalogSnapshot catalog, IReadOnlySet<string> excluded, string? channel, ItemFilter? filter = null)
        : this(catalog, excluded, channel, filter, new Dictionary<int, string?>(), new HashSet<int>())
    {
    }

    /// <summary>A pool in the feed's reused collections (<see cref="FeedScratch"/>), emptied first.</summary>
    public CandidatePool(CatalogSnapshot catalog, IReadOnlySet<string> excluded, string? channel, FeedScratch scratch, ItemFilter? filter = null)
        : this(catalog, excluded, channel, filter, scratch.PoolEntries, scratch.ExcludedSlots)
    {
    }

    private CandidatePool(CatalogSnapshot catalog, IReadOnlySet<string> excluded, string? channel, ItemFilter? filter, Dictionary<int, string?> broughtBy, HashSet<int> excludedSlots)
    {
        this.catalog = catalog;
        this.channel = channel;
        this.filter = filter;
        this.broughtBy = broughtBy;
        this.excludedSlots = excludedSlots;
        broughtBy.Clear();
        excludedSlots.Clear();
        // Never more than the catalog holds. Nothing is removed, so the entries keep their order of addition whatever the capacity.
        broughtBy.EnsureCapacity(Math.Min(ExpectedCandidates, catalog.Entries.Count));
        if (excluded is ExcludedItems items)
        {
            // The profile's two maps walked as they are: the set's own Count and enumerator (a LINQ chain that skips the
            // overlap) allocated closures and iterators on every feed. An item in both is added twice, to a set.
            excludedSlots.EnsureCapacity(items.Consumed.Count + items.Disliked.Count);
            AddSlots(items.Consumed);
            AddSlots(items.Disliked);
            return;
        }
        excludedSlots.EnsureCapacity(excluded.Count);
        foreach (var itemId in excluded)
            if (catalog.IndexOf(itemId) is var slot and >= 0) excludedSlots.Add(slot);
    }

    private void AddSlots(IReadOnlyDictionary<string, DateTimeOffset> items)
    {
        foreach (var (itemId, _) in items)
            if (catalog.IndexOf(itemId) is var slot and >= 0) excludedSlots.Add(slot);
    }

    /// <summary>Whether the request keeps only a part of the catalog (<see cref="ItemFilter.Restricts"/>): index searches then stay within kept lists.</summary>
    public bool IsSection => filter is { Restricts: true };

    public IReadOnlyCollection<int> Entries => broughtBy.Keys;

    public int Count => broughtBy.Count;

    /// <summary>
    /// True when the entry may be offered at all: in this snapshot (a model link may name slots added since), not
    /// excluded, fitting the channel and admitted by the filter. Without a channel or filter the entry itself is not
    /// read: the vector search asks this about ~400 items a feed, and reading each one's entry was most of the filter's cost.
    /// </summary>
    public bool Allows(int entry) =>
        (uint)entry < (uint)catalog.Entries.Count && !excludedSlots.Contains(entry)
        && (channel is null || catalog.Entries[entry].FitsChannel(channel)) && (filter is null || filter.Admits(catalog.Entries[entry]));

    /// <summary>Adds an allowed entry; <paramref name="becauseOf"/> names the recent item it is similar to.</summary>
    public bool Add(int entry, string? becauseOf = null)
    {
        if (!Allows(entry)) return false;
        if (broughtBy.TryGetValue(entry, out var known))
        {
            if (known is null && becauseOf is not null) broughtBy[entry] = becauseOf;
            return false;
        }
        broughtBy.Add(entry, becauseOf);
        return true;
    }

    /// <summary>This pool's test of model items under <paramref name="link"/> (<see cref="ModelItemFilter"/>), made on the first ask.</summary>
    public ModelItemFilter ModelItems(ModelCatalogLink link) =>
        modelItems is { } filter && ReferenceEquals(filter.Link, link) ? filter : modelItems = new ModelItemFilter(link, this);

    public bool Contains(int entry) => broughtBy.ContainsKey(entry);

    public string? BroughtBy(int entry) => broughtBy.GetValueOrDefault(entry);
}
