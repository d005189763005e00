namespace ContentGrains.Core.Performance;

/// <summary>
/// Fits a CTR model on feature rows, each weighted by its item's impressions (an item seen 1,000 times says more than
/// one seen twice). The gradient-boosted implementation is LightGBM's (ContentGrains.Analysis): Core holds no native code.
/// </summary>
public interface ICtrModelTrainer
{
    string Name { get; }

    ICtrModel Fit(IReadOnlyList<float[]> rows, IReadOnlyList<CtrOutcome> outcomes, IReadOnlyList<string> featureNames);
}

/// <summary>A fitted CTR model: a probability of a click per impression for each row, and what it leaned on.</summary>
public interface ICtrModel
{
    IReadOnlyList<double> Predict(IReadOnlyList<float[]> rows);

    /// <summary>Each feature's total split gain over the model's trees, largest first.</summary>
    IReadOnlyList<FeatureImportance> Importances { get; }
}

/// <summary>A feature's total split gain, and its share of the model's total gain.</summary>
public sealed record FeatureImportance(string Feature, double Gain, double Share)
{
    /// <summary>Shares of <paramref name="gains"/> (name → gain), largest first; zero gains are left out.</summary>
    public static IReadOnlyList<FeatureImportance> From(IEnumerable<(string Feature, double Gain)> gains)
    {
        var positive = gains.Where(g => g.Gain > 0).ToList();
        var total = positive.Sum(g => g.Gain);
        return positive.OrderByDescending(g => g.Gain).Select(g => new FeatureImportance(g.Feature, g.Gain, g.Gain / total)).ToList();
    }

    /// <summary>
    /// The same gains with the text vector's dimensions summed into one entry: a reader asks whether the text helps,
    /// not which of 384 dimensions did.
    /// </summary>
    public static IReadOnlyList<FeatureImportance> GroupTextVector(IReadOnlyList<FeatureImportance> importances) =>
        From(importances.GroupBy(i => i.Feature.StartsWith(CtrFeatureEncoder.TextPrefix, StringComparison.Ordinal) ? "text vector" : i.Feature)
            .Select(g => (g.Key, g.Sum(i => i.Gain))));
}
