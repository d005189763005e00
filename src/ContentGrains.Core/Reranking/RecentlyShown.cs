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
    public static List<ScoredCandidate> Demote(List<ScoredCandidate> ranked, IReadOnlySet<string> shown, CatalogSnapshot catalog)
    {
        if (shown.Count == 0) return ranked;
        var fresh = new List<ScoredCandidate>(ranked.Count);
        var repeated = new List<ScoredCandidate>();
        foreach (var candidate in ranked)
            (shown.Contains(catalog.Entries[candidate.Entry].ItemId) ? repeated : fresh).Add(candidate);
        if (repeated.Count == 0 || fresh.Count == 0) return ranked;
        // Scores below every fresh one, so MMR's relevance (scaled over the pool) keeps them behind.
        var floor = fresh.Min(c => c.Score);
        var top = repeated[0].Score;
        foreach (var candidate in repeated)
            fresh.Add(candidate with { Score = floor - 1 - (top - candidate.Score) });
        return fresh;
    }
}
