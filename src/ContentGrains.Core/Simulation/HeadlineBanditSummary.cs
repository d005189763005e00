namespace ContentGrains.Core.Simulation;

/// <summary>
/// Many seeded <see cref="HeadlineRun"/>s summed up: mean cumulative regret of each policy, their ratio, and how often
/// Thompson declared the planted variant (a run that declared nothing within the horizon counts as not right).
/// </summary>
public sealed record HeadlineBanditSummary(
    int Runs, double MeanThompsonRegret, double MeanEqualSplitRegret, double RegretRatio,
    double RightWinnerShare, double WrongWinnerShare, double UndecidedShare, double EqualSplitRightShare,
    double MedianDeclaredAtImpression, double MeanPlantedShareOfThompsonImpressions)
{
    public static HeadlineBanditSummary Of(IReadOnlyList<HeadlineRun> runs, PlantedHeadline truth)
    {
        if (runs.Count == 0) throw new ArgumentException("no runs to sum up", nameof(runs));
        var planted = truth.VariantId(truth.Planted);
        var thompson = runs.Average(r => r.ThompsonRegret);
        var split = runs.Average(r => r.EqualSplitRegret);
        var declaredAt = runs.Where(r => r.DeclaredAtImpression is not null).Select(r => (double)r.DeclaredAtImpression!.Value).Order().ToList();
        return new HeadlineBanditSummary(
            runs.Count, thompson, split, split == 0 ? double.NaN : thompson / split,
            Share(runs, r => r.Declared == planted), Share(runs, r => r.Declared is not null && r.Declared != planted),
            Share(runs, r => r.Declared is null), Share(runs, r => r.EqualSplitPick == planted),
            declaredAt.Count == 0 ? double.NaN : declaredAt[declaredAt.Count / 2],
            runs.Average(r => (double)r.ThompsonImpressions[truth.Planted] / r.ThompsonImpressions.Sum()));
    }

    private static double Share(IReadOnlyList<HeadlineRun> runs, Func<HeadlineRun, bool> test) => (double)runs.Count(test) / runs.Count;
}
