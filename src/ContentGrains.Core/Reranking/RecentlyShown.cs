using ContentGrains.Core.Catalog;
using ContentGrains.Core.Ranking;

namespace ContentGrains.Core.Reranking;

/// <summary>
/// Moves candidates the person was shown lately without engaging behind every other candidate, keeping the order
/// within each part. Demoted rather than removed, so a small catalog still fills the feed. The simulator found the
/// second and third feed of a visit repeating the first one without this.
/// </summary>
public static class RecentlyShown
{
    /// <summary>
    /// Reorders <paramref name="ranked"/> in place and returns it: the others first, then the shown ones with scores below
    /// theirs. Only the shown ones are copied aside (a few), not the whole ranking (about 500 candidates, 40 KB a feed).
    /// Unchanged when none or all of them were shown.
    /// </summary>
    /// <param name="aside">An empty list to set the shown ones aside in (the feed's reused one); a new one when null and needed.</param>
    /// <param name="shownSlots">An empty set for the shown items' catalog slots (the feed's reused one); a new one when null.</param>
    public static List<ScoredCandidate> Demote(List<ScoredCandidate> ranked, IReadOnlySet<string> shown, CatalogSnapshot catalog,
        List<ScoredCandidate>? aside = null, HashSet<int>? shownSlots = null)
    {
        if (shown.Count == 0) return ranked;
        // The few shown ids become slots once, so each of ~500 candidates is tested by its slot: testing its item id
        // hashed a string per candidate (5 % of bench/feed-cost's CPU, session 18) and read every candidate's entry.
        var slots = shownSlots ?? [];
        foreach (var itemId in shown)
            if (catalog.IndexOf(itemId) is var slot and >= 0) slots.Add(slot);
        var repeated = aside;
        var kept = 0;
        var floor = double.PositiveInfinity;
        for (var i = 0; i < ranked.Count; i++)
        {
            var candidate = ranked[i];
            if (slots.Contains(candidate.Entry))
            {
                (repeated ??= []).Add(candidate);
                continue;
            }
            // Writes only at or behind the reading position; nothing is written while every candidate so far was shown.
            ranked[kept++] = candidate;
            floor = Math.Min(floor, candidate.Score);
        }
        if (repeated is null || repeated.Count == 0 || kept == 0) return ranked;
        // Scores below every other one, so MMR's relevance (scaled over the pool) keeps them behind.
        var top = repeated[0].Score;
        for (var j = 0; j < repeated.Count; j++)
            ranked[kept + j] = repeated[j] with { Score = floor - 1 - (top - repeated[j].Score) };
        return ranked;
    }
}
