using ContentGrains.Core.Catalog;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Ranking;

namespace ContentGrains.Core.Reranking;

/// <summary>
/// Exploration that learns, for newcomers and light users: up to a bounded share of the feed goes to the best-ranked
/// candidates whose tags were never shown to the person (<see cref="TagResponse.ShownOf(string)"/> = 0), one item per
/// tag. Once shown, a tag is tried: it is never explored again, and from then on only the person's response to it (the
/// ranking's response part, the click model's per-tag features) decides, so a tag shown and ignored sinks and one
/// taken rises. Someone who engaged with few items still has most tags untried, and a feed ranked by what little is
/// known shows the same few tags again; this spends a few slots finding out, and stops once the person is known.
/// </summary>
public static class UntriedTags
{
    /// <param name="chosen">The feed as re-ranked, best first.</param>
    /// <param name="ranked">Every ranked candidate, best first: where the tried-out items come from.</param>
    /// <param name="engaged">How many items the person engaged with: at <paramref name="lightHistory"/> or more nothing changes.</param>
    /// <param name="share">The most of the feed (rounded down) that goes to untried tags, counting those already in it.</param>
    public static List<ScoredCandidate> Mix(
        List<ScoredCandidate> chosen, IReadOnlyList<ScoredCandidate> ranked, CatalogSnapshot catalog, TagResponse response, int engaged, int lightHistory, double share)
    {
        var slots = (int)Math.Floor(chosen.Count * share);
        if (slots <= 0 || engaged >= lightHistory) return chosen;
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var untriedInFeed = new HashSet<int>();
        foreach (var candidate in chosen)
            if (Untried(catalog.Entries[candidate.Entry].Tags, response, covered))
            {
                untriedInFeed.Add(candidate.Entry);
                covered.UnionWith(catalog.Entries[candidate.Entry].Tags);
            }
        var picks = Picks(ranked, chosen, catalog, response, covered, slots - untriedInFeed.Count);
        return picks.Count == 0 ? chosen : Replace(chosen, picks, untriedInFeed);
    }

    /// <summary>The best-ranked candidates not in the feed whose tags are all untried and not yet covered, one per tag.</summary>
    private static List<ScoredCandidate> Picks(
        IReadOnlyList<ScoredCandidate> ranked, List<ScoredCandidate> chosen, CatalogSnapshot catalog, TagResponse response, HashSet<string> covered, int wanted)
    {
        var picks = new List<ScoredCandidate>();
        if (wanted <= 0) return picks;
        var inFeed = chosen.Select(c => c.Entry).ToHashSet();
        foreach (var candidate in ranked)
        {
            if (picks.Count >= wanted) break;
            var tags = catalog.Entries[candidate.Entry].Tags;
            if (inFeed.Contains(candidate.Entry) || !Untried(tags, response, covered)) continue;
            picks.Add(candidate);
            covered.UnionWith(tags);
        }
        return picks;
    }

    /// <summary>
    /// The picks take the lowest places held by items of tried tags, the best pick the highest of those places; the
    /// feed's order is kept otherwise.
    /// </summary>
    private static List<ScoredCandidate> Replace(List<ScoredCandidate> chosen, List<ScoredCandidate> picks, HashSet<int> untriedInFeed)
    {
        var places = new List<int>();
        for (var place = chosen.Count - 1; place >= 0 && places.Count < picks.Count; place--)
            if (!untriedInFeed.Contains(chosen[place].Entry)) places.Add(place);
        places.Reverse();
        var feed = chosen.ToList();
        for (var i = 0; i < places.Count; i++) feed[places[i]] = picks[i];
        return feed;
    }

    /// <summary>True when the item has tags, none of them ever shown to the person nor already covered by this feed.</summary>
    private static bool Untried(IReadOnlyList<string> tags, TagResponse response, HashSet<string> covered)
    {
        if (tags.Count == 0) return false;
        foreach (var tag in tags)
            if (response.ShownOf(tag) > 0 || covered.Contains(tag)) return false;
        return true;
    }
}
