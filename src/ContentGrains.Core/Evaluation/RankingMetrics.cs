namespace ContentGrains.Core.Evaluation;

/// <summary>
/// RecBole's top-K metrics for one user (recbole/evaluator/metrics.py), given the ranked list and the user's
/// relevant (held-out) items. With hits h = relevant items among the first K, and rank r counted from 1:
/// Recall@K = h / |relevant|; Precision@K = h / K; Hit@K = 1 if h > 0; MRR@K = 1 / r of the first hit (0 if none);
/// NDCG@K = DCG / IDCG with DCG = Σ over hits 1/log2(r+1) and IDCG = Σ_{r=1..min(|relevant|, K)} 1/log2(r+1).
/// Precision divides by K even when the list is shorter than K, as RecBole does.
/// </summary>
public static class RankingMetrics
{
    /// <param name="ranked">Items, best first; only the first <paramref name="k"/> count.</param>
    /// <param name="isRelevant">Whether an item is one of the user's relevant items.</param>
    /// <param name="relevantCount">How many relevant items the user has; must be positive.</param>
    /// <param name="k">The cut-off.</param>
    public static MetricValues ForUser(ReadOnlySpan<int> ranked, Func<int, bool> isRelevant, int relevantCount, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(relevantCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);

        var length = Math.Min(k, ranked.Length);
        var hits = 0;
        var firstHitRank = 0;
        var dcg = 0.0;
        for (var i = 0; i < length; i++)
        {
            if (!isRelevant(ranked[i]))
                continue;
            var rank = i + 1;
            hits++;
            if (firstHitRank == 0)
                firstHitRank = rank;
            dcg += Discount(rank);
        }

        var idcg = 0.0;
        for (var rank = 1; rank <= Math.Min(relevantCount, k); rank++)
            idcg += Discount(rank);

        return new MetricValues(
            Recall: (double)hits / relevantCount,
            Mrr: firstHitRank == 0 ? 0.0 : 1.0 / firstHitRank,
            Ndcg: dcg / idcg,
            Hit: hits > 0 ? 1.0 : 0.0,
            Precision: (double)hits / k);
    }

    public static MetricValues ForUser(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant, int k) =>
        ForUser(ranked, relevant.Contains, relevant.Count, k);

    private static double Discount(int rank) => 1.0 / Math.Log2(rank + 1);
}
