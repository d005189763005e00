using ContentGrains.Core.Catalog;
using ContentGrains.Core.Live;
using ContentGrains.Core.Ranking;

namespace ContentGrains.Core.Reranking;

/// <summary>
/// Maximal marginal relevance (Carbonell &amp; Goldstein 1998): picks, one at a time, the candidate maximising
/// (1 − λ)·relevance − λ·(its greatest similarity to an item already picked). Relevance is the ranking score scaled
/// to [0, 1] over the pool; similarity is the larger of the model's item-to-item cosine and the tags' Jaccard index.
/// λ = 0 keeps the ranking order.
/// </summary>
public static class MmrReranker
{
    /// <param name="into">A list to hold the choice (the feed's reused one, <see cref="Feed.FeedScratch"/>), emptied first; a new one when null.</param>
    public static List<ScoredCandidate> Select(IReadOnlyList<ScoredCandidate> ranked, int count, double lambda, CatalogSnapshot catalog, LiveModel? model, ModelCatalogLink? link,
        List<ScoredCandidate>? into = null)
    {
        count = Math.Min(count, ranked.Count);
        var chosen = into ?? new List<ScoredCandidate>(Math.Max(count, 0));
        chosen.Clear();
        if (lambda <= 0 || count <= 1)
        {
            for (var i = 0; i < count; i++) chosen.Add(ranked[i]);
            return chosen;
        }

        // Only the head of the ranking can win a slot against relevance; the pool is bounded for speed (count² × 3 similarities).
        // Read in place: a copy of the head was 2.4 KB of a feed's allocations (30 candidates of 80 bytes).
        var poolCount = Math.Min(count * 3, ranked.Count);
        var high = ranked[0].Score;
        var low = ranked[poolCount - 1].Score;
        double Relevance(in ScoredCandidate c) => high > low ? (c.Score - low) / (high - low) : 1;

        // On the stack for a feed of up to 42 (the default is 10); a longer one's pool gets arrays.
        Span<double> maxSimilarity = poolCount <= 128 ? stackalloc double[poolCount] : new double[poolCount];
        Span<bool> taken = poolCount <= 128 ? stackalloc bool[poolCount] : new bool[poolCount];
        while (chosen.Count < count)
        {
            var best = -1;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < poolCount; i++)
            {
                if (taken[i]) continue;
                var value = (1 - lambda) * Relevance(ranked[i]) - lambda * maxSimilarity[i];
                if (value > bestValue) (best, bestValue) = (i, value); // strict: ties keep the better-ranked
            }
            taken[best] = true;
            var picked = ranked[best];
            chosen.Add(picked);
            for (var i = 0; i < poolCount; i++)
                if (!taken[i])
                    maxSimilarity[i] = Math.Max(maxSimilarity[i], Similarity(ranked[i].Entry, picked.Entry, catalog, model, link));
        }
        return chosen;
    }

    public static double Similarity(int a, int b, CatalogSnapshot catalog, LiveModel? model, ModelCatalogLink? link)
    {
        var jaccard = TagJaccard(catalog.Entries[a].Tags, catalog.Entries[b].Tags);
        if (model is null || link is null) return jaccard;
        var (ma, mb) = (link.ModelIndexOf(a), link.ModelIndexOf(b));
        if (ma < 0 || mb < 0) return jaccard;
        return Math.Max(jaccard, model.Cosine(ma, mb));
    }

    public static double TagJaccard(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var common = 0;
        for (var i = 0; i < a.Count; i++)
            for (var j = 0; j < b.Count; j++)
                if (string.Equals(a[i], b[j], StringComparison.Ordinal)) { common++; break; }
        return (double)common / (a.Count + b.Count - common);
    }
}
