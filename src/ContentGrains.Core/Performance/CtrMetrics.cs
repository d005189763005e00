using MathNet.Numerics.Statistics;

namespace ContentGrains.Core.Performance;

/// <summary>
/// How well predicted CTRs match items' real traffic. RMSE and log-loss weigh each item by its impressions (log-loss is
/// per impression: each impression is a Bernoulli trial at the item's predicted rate). AUC is over impressions: the
/// chance that a clicked impression's item was predicted higher than a not clicked one's, ties half. Spearman is the
/// rank correlation of predicted and observed CTR over items with at least <c>minImpressions</c>, null when either
/// side is constant (a global mean ranks nothing).
/// </summary>
public sealed record CtrMetrics(int Items, long Impressions, long Clicks, double WeightedRmse, double LogLoss, double Auc, double? Spearman, int SpearmanItems)
{
    public static CtrMetrics Of(IReadOnlyList<CtrOutcome> outcomes, IReadOnlyList<double> predicted, int minImpressions = 10)
    {
        if (outcomes.Count != predicted.Count) throw new ArgumentException($"{predicted.Count} predictions for {outcomes.Count} items", nameof(predicted));
        var impressions = outcomes.Sum(o => o.Impressions);
        var clicks = outcomes.Sum(o => o.Clicks);
        if (clicks == 0 || clicks == impressions) throw new ArgumentException("the items need both clicked and not clicked impressions", nameof(outcomes));
        double squared = 0, loss = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var (n, c) = (outcomes[i].Impressions, outcomes[i].Clicks);
            var p = Math.Clamp(predicted[i], 1e-7, 1 - 1e-7);
            squared += n * Math.Pow(p - outcomes[i].Ctr, 2);
            loss -= c * Math.Log(p) + (n - c) * Math.Log(1 - p);
        }
        var (spearman, ranked) = RankCorrelation(outcomes, predicted, minImpressions);
        return new CtrMetrics(outcomes.Count, impressions, clicks, Math.Sqrt(squared / impressions), loss / impressions,
            ImpressionAuc(outcomes, predicted), spearman, ranked);
    }

    /// <summary>Sorted by prediction, each clicked impression beats the not clicked impressions of lower items.</summary>
    private static double ImpressionAuc(IReadOnlyList<CtrOutcome> outcomes, IReadOnlyList<double> predicted)
    {
        double wins = 0, notClickedBelow = 0;
        foreach (var tied in Enumerable.Range(0, outcomes.Count).GroupBy(i => predicted[i]).OrderBy(g => g.Key))
        {
            double clicked = tied.Sum(i => outcomes[i].Clicks);
            double notClicked = tied.Sum(i => outcomes[i].Impressions - outcomes[i].Clicks);
            wins += clicked * notClickedBelow + 0.5 * clicked * notClicked;
            notClickedBelow += notClicked;
        }
        double allClicked = outcomes.Sum(o => o.Clicks);
        return wins / (allClicked * notClickedBelow);
    }

    private static (double? Value, int Items) RankCorrelation(IReadOnlyList<CtrOutcome> outcomes, IReadOnlyList<double> predicted, int minImpressions)
    {
        var kept = Enumerable.Range(0, outcomes.Count).Where(i => outcomes[i].Impressions >= minImpressions).ToList();
        var observed = kept.Select(i => outcomes[i].Ctr).ToList();
        var guessed = kept.Select(i => predicted[i]).ToList();
        if (kept.Count < 3 || observed.Distinct().Count() < 2 || guessed.Distinct().Count() < 2) return (null, kept.Count);
        return (Correlation.Spearman(guessed, observed), kept.Count);
    }
}
