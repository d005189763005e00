namespace ContentGrains.Core.Click;

/// <summary>
/// How the click model mixes its MLP with its boosted trees: logit = (1 − w) · mlp + w · (Factor · trees + Offset),
/// where Factor and Offset put the trees' raw score on the MLP logit's mean and spread (over the rows both were fitted
/// on). Ranking by it is ranking by the w-weighted mean of the two standardised scores, and since both halves live on
/// one logit scale the sigmoid of it stays near a probability. w = 0 is the MLP alone; w = 1 ranks as the trees alone.
/// </summary>
public sealed record ClickBlend(double TreeWeight, double Factor, double Offset)
{
    public static ClickBlend Standardised(ReadOnlySpan<double> mlpLogits, ReadOnlySpan<double> treeScores, double treeWeight)
    {
        if (!(treeWeight is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(treeWeight), treeWeight, "the trees' weight must be in [0, 1]");
        var (logitMean, logitSd) = MeanAndSd(mlpLogits);
        var (treeMean, treeSd) = MeanAndSd(treeScores);
        var factor = treeSd > 1e-12 ? logitSd / treeSd : 0;
        return new ClickBlend(treeWeight, factor, logitMean - factor * treeMean);
    }

    public double Logit(double mlpLogit, double treeScore) => (1 - TreeWeight) * mlpLogit + TreeWeight * (Factor * treeScore + Offset);

    /// <summary>Mean and population standard deviation (over n), from the one moments helper (<see cref="Experiments.SampleMoments"/>).</summary>
    private static (double Mean, double Sd) MeanAndSd(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) throw new ArgumentException("no scores to standardise");
        var moments = Experiments.SampleMoments.Of(values);
        return (moments.Mean, Math.Sqrt(moments.Variance * (moments.Count - 1) / moments.Count));
    }
}
