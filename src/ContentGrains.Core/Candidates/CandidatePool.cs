using ContentGrains.Core.Catalog;

namespace ContentGrains.Core.Candidates;

/// <summary>
/// The catalog entries the sources proposed for one feed, each once, minus what the person must not see again and
/// what does not fit the requested channel. Remembers which recent item brought an item-to-item candidate.
/// </summary>
public sealed class CandidatePool(CatalogSnapshot catalog, IReadOnlySet<string> excluded, string? channel)
{
    private readonly Dictionary<int, string?> broughtBy = [];

    public IReadOnlyCollection<int> Entries => broughtBy.Keys;

    public int Count => broughtBy.Count;

    /// <summary>
    /// True when the entry may be offered at all: in this snapshot (a model link may name slots added since), not
    /// excluded, and fitting the channel.
    /// </summary>
    public bool Allows(int entry)
    {
        if ((uint)entry >= (uint)catalog.Entries.Count) return false;
        var e = catalog.Entries[entry];
        return !excluded.Contains(e.ItemId) && e.FitsChannel(channel);
    }

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

    public bool Contains(int entry) => broughtBy.ContainsKey(entry);

    public string? BroughtBy(int entry) => broughtBy.GetValueOrDefault(entry);
}
