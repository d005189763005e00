namespace ContentGrains.Core.Click;

/// <summary>
/// MIND's metrics over a set of impressions: each is the mean of the per-impression value of
/// <see cref="ImpressionMetrics"/> over the impressions that have a clicked and a not clicked candidate
/// (<see cref="Scored"/> of <see cref="Impressions"/>). LogLoss is over every candidate, and only for a scorer whose
/// scores are probabilities.
/// </summary>
public sealed record ClickMetrics(double GroupAuc, double Mrr, double Ndcg5, double Ndcg10, double? LogLoss, int Impressions, int Scored, int Candidates)
{
    /// <summary>Scores every impression with <paramref name="score"/> (rows → one score per row) and averages.</summary>
    public static ClickMetrics Of(IReadOnlyList<ClickImpression> impressions, Func<float[], float[]> score, bool probabilities)
    {
        double auc = 0, mrr = 0, ndcg5 = 0, ndcg10 = 0, loss = 0;
        int scored = 0, candidates = 0;
        foreach (var impression in impressions)
        {
            var scores = score(impression.Rows);
            candidates += impression.CandidateCount;
            if (probabilities) loss += LogLossSum(scores, impression.Labels);
            if (!ImpressionMetrics.IsScorable(impression.Labels)) continue;
            scored++;
            auc += ImpressionMetrics.Auc(scores, impression.Labels);
            mrr += ImpressionMetrics.Mrr(scores, impression.Labels);
            ndcg5 += ImpressionMetrics.Ndcg(scores, impression.Labels, 5);
            ndcg10 += ImpressionMetrics.Ndcg(scores, impression.Labels, 10);
        }
        if (scored == 0)
            throw new ArgumentException("no impression has both a clicked and a not clicked candidate", nameof(impressions));
        return new ClickMetrics(auc / scored, mrr / scored, ndcg5 / scored, ndcg10 / scored,
            probabilities ? loss / candidates : null, impressions.Count, scored, candidates);
    }

    /// <summary>Σ −[y log p + (1 − y) log(1 − p)], p clipped to [1e-7, 1 − 1e-7].</summary>
    public static double LogLossSum(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels)
    {
        double sum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], 1e-7, 1 - 1e-7);
            sum -= labels[i] > 0.5f ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum;
    }

    public override string ToString() =>
        $"group AUC {GroupAuc:F4}  MRR {Mrr:F4}  nDCG@5 {Ndcg5:F4}  nDCG@10 {Ndcg10:F4}" + (LogLoss is { } l ? $"  logloss {l:F4}" : "");
}
