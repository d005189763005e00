using ContentGrains.Core.Catalog;

namespace ContentGrains.Core.Candidates;

/// <summary>The sources that need no model: content match on the person's interests, trending, and fresh items.</summary>
public static class CatalogCandidates
{
    /// <summary>The most popular items of each of the person's strongest positive interests.</summary>
    public static void ContentMatch(CatalogSnapshot catalog, IReadOnlyList<KeyValuePair<string, double>> interests, int tags, int perTag, CandidatePool pool)
    {
        // A loop: Where/Take made two iterators and their enumerators on every feed.
        var used = 0;
        for (var i = 0; i < interests.Count && used < tags; i++)
        {
            var (tag, value) = interests[i];
            if (!(value > 0)) continue;
            used++;
            if (catalog.ByTag.TryGetValue(tag, out var entries)) TakeAllowed(entries, perTag, pool);
        }
    }

    /// <summary>The most popular items of each tag a request's <see cref="ItemFilter"/> asks for: a section fills even when the person never read it.</summary>
    public static void FilterTags(CatalogSnapshot catalog, ItemFilter filter, int perTag, CandidatePool pool)
    {
        for (var i = 0; i < filter.Tags.Count; i++)
            if (catalog.ByTag.TryGetValue(filter.Tags[i], out var entries)) TakeAllowed(entries, perTag, pool);
    }

    public static void Trending(CatalogSnapshot catalog, int count, CandidatePool pool) => TakeAllowed(catalog.ByPopularity, count, pool, WalkOf(count, pool));

    public static void Fresh(CatalogSnapshot catalog, int count, CandidatePool pool) => TakeAllowed(catalog.ByFreshness, count, pool, WalkOf(count, pool));

    /// <summary>
    /// How far a catalog-wide ordering is walked: in a section only 4 × count entries (a small section would otherwise
    /// walk the whole list, reading every entry to test it: half a section feed's time at 1M items); the section's own
    /// popular items come from its tags' lists (<see cref="FilterTags"/>).
    /// </summary>
    private static int WalkOf(int count, CandidatePool pool) => pool.IsSection ? 4 * count : int.MaxValue;

    /// <summary>Walks an ordering, at most <paramref name="walk"/> entries, until <paramref name="count"/> allowed entries are in the pool (already present ones count).</summary>
    private static void TakeAllowed(int[] ordering, int count, CandidatePool pool, int walk = int.MaxValue)
    {
        var taken = 0;
        foreach (var entry in ordering)
        {
            if (taken >= count || walk-- <= 0) break;
            if (!pool.Allows(entry)) continue;
            pool.Add(entry);
            taken++;
        }
    }
}
