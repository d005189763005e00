namespace ContentGrains.Core.Click;

/// <summary>
/// The per-impression ranking metrics MIND reports, for one impression's candidates (scores and 0/1 labels).
/// Ties count fairly instead of by list order: AUC counts a tied (clicked, not clicked) pair as half, and MRR and
/// nDCG give each member of a group of tied scores the mean discount of the positions the group spans (McSherry and
/// Najork 2008), so a constant scorer gets the expected value of a random order, not the order the log happened to have.
/// MRR is MIND's: the mean over clicked candidates of 1 / rank. nDCG@k uses gains 2^label − 1 and discounts 1 / log2(rank + 1).
/// </summary>
public static class ImpressionMetrics
{
    /// <summary>Whether the impression can be scored: it has both a clicked and a not clicked candidate.</summary>
    public static bool IsScorable(ReadOnlySpan<float> labels)
    {
        var clicked = 0;
        foreach (var label in labels)
            if (label > 0.5f) clicked++;
        return clicked > 0 && clicked < labels.Length;
    }

    /// <summary>P(score of a clicked candidate > score of a not clicked one), ties half; NaN without both kinds.</summary>
    public static double Auc(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        var ranks = MidRanks(scores);
        double positives = 0, rankSum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] <= 0.5f) continue;
            positives++;
            rankSum += ranks[i];
        }
        var negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Mean of 1 / rank over the clicked candidates (rank from 1, best score first).</summary>
    public static double Mrr(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels) =>
        Discounted(scores, labels, int.MaxValue, rank => 1.0 / rank, out var clicked) / clicked;

    /// <summary>DCG@k of the ranking by score over DCG@k of the ideal ranking.</summary>
    public static double Ndcg(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var dcg = Discounted(scores, labels, k, rank => 1.0 / Math.Log2(rank + 1), out _);
        var ideal = labels.ToArray();
        Array.Sort(ideal, (a, b) => b.CompareTo(a));
        var idcg = 0.0;
        for (var r = 0; r < Math.Min(k, ideal.Length); r++)
            idcg += Gain(ideal[r]) / Math.Log2(r + 2);
        return idcg == 0 ? double.NaN : dcg / idcg;
    }

    /// <summary>
    /// Σ gain × discount over the ranking by score, each tie group taking the mean discount of its positions; ranks
    /// past <paramref name="k"/> discount to 0.
    /// </summary>
    private static double Discounted(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, int k, Func<int, double> discount, out int clicked)
    {
        var order = DescendingOrder(scores);
        double total = 0;
        clicked = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && scores[order[end]] == scores[order[start]]) end++;
            double meanDiscount = 0;
            for (var position = start; position < end; position++)
                meanDiscount += position < k ? discount(position + 1) : 0;
            meanDiscount /= end - start;
            for (var position = start; position < end; position++)
            {
                var label = labels[order[position]];
                if (label > 0.5f) clicked++;
                total += Gain(label) * meanDiscount;
            }
            start = end;
        }
        return total;
    }

    private static double Gain(float label) => Math.Pow(2, label) - 1;

    private static int[] DescendingOrder(ReadOnlySpan<float> scores)
    {
        var keys = scores.ToArray();
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(keys, order, Comparer<float>.Create((a, b) => b.CompareTo(a)));
        return order;
    }

    /// <summary>Ranks from 1 in ascending score order, tied scores sharing the mean of their ranks.</summary>
    private static double[] MidRanks(ReadOnlySpan<float> scores)
    {
        var keys = scores.ToArray();
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(keys, order);
        var ranks = new double[keys.Length];
        for (var start = 0; start < keys.Length;)
        {
            var end = start;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            var mid = (start + 1 + end) / 2.0;
            for (var i = start; i < end; i++) ranks[order[i]] = mid;
            start = end;
        }
        return ranks;
    }
}
