using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Ranking;

namespace ContentGrains.Core.Reranking;

/// <summary>
/// Keeps a feed spread over tags until the person's tastes are clear. Walking the ranking, a candidate comes forward
/// only if it brings a tag not yet in the feed, or a tag that is clear for the person (their rate for it is known to
/// beat the platform's: <see cref="TagResponse.IsClear"/>); the others go behind, in order. A
/// newcomer's first feed so covers as many tags as it has slots, and after one click on a tag that could be a fluke
/// the tag gets one slot per feed, not all of them, while the rest keep looking. Once the person has taken a tag
/// often enough for it to be clear, it may fill the feed.
/// Applies to people whose impressions are logged, and to newcomers with no history and no interests; a person with
/// history or interests and no impressions (a platform that sends none, or ml-100k) keeps the ranking as it is.
/// </summary>
public static class TagSpread
{
    /// <summary>People whose impressions are logged, and newcomers: no history and no interests yet.</summary>
    public static bool AppliesTo(TagResponse response, FeedUser user) => response.Known || (user.History.Count == 0 && user.Interests.Count == 0);

    public static List<ScoredCandidate> Apply(List<ScoredCandidate> ranked, CatalogSnapshot catalog, TagResponse response, double confidence)
    {
        var inFeed = new HashSet<string>(StringComparer.Ordinal);
        var forward = new List<ScoredCandidate>(ranked.Count);
        var behind = new List<ScoredCandidate>();
        foreach (var candidate in ranked)
        {
            var tags = catalog.Entries[candidate.Entry].Tags;
            if (Brings(tags, inFeed, response, confidence))
            {
                forward.Add(candidate);
                inFeed.UnionWith(tags);
            }
            else behind.Add(candidate);
        }
        return behind.Count == 0 || forward.Count == 0 ? ranked : Behind(forward, behind);
    }

    /// <summary>An untagged item brings nothing to spread and nothing to repeat: it keeps its place.</summary>
    private static bool Brings(IReadOnlyList<string> tags, HashSet<string> inFeed, TagResponse response, double confidence)
    {
        if (tags.Count == 0) return true;
        foreach (var tag in tags)
            if (!inFeed.Contains(tag) || response.IsClear(tag, confidence)) return true;
        return false;
    }

    /// <summary>Scores below every forward one (as <see cref="RecentlyShown"/> does), so MMR's relevance keeps them behind.</summary>
    private static List<ScoredCandidate> Behind(List<ScoredCandidate> forward, List<ScoredCandidate> behind)
    {
        var floor = forward.Min(c => c.Score);
        var top = behind[0].Score;
        foreach (var candidate in behind)
            forward.Add(candidate with { Score = floor - 1 - (top - candidate.Score) });
        return forward;
    }
}
