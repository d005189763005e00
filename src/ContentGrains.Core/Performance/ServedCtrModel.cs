using System.Collections.Concurrent;

namespace ContentGrains.Core.Performance;

/// <summary>An item's predicted CTR under a served model, with the features it had that the model leans on most.</summary>
public sealed record ItemCtrPrediction(string ItemId, double PredictedCtr, IReadOnlyList<FeatureImportance> TopFeatures);

/// <summary>
/// A loaded live CTR model version. Each item's prediction is computed once and kept
/// (<see cref="PredictedCtr"/>): the feed asks per candidate and must not score a tree ensemble each time; the item's
/// grain calls <see cref="Predict"/> again when the item is stored.
/// </summary>
public sealed class ServedCtrModel(CtrPredictor predictor, CtrFitReport report, long version)
{
    private readonly ConcurrentDictionary<string, double> predicted = new(StringComparer.Ordinal);

    public long Version => version;
    public CtrFitReport Report => report;

    /// <summary>The item's prediction as last computed on this silo, null when none was.</summary>
    public double? PredictedCtr(string itemId) => predicted.TryGetValue(itemId, out var p) ? p : null;

    /// <summary>
    /// Predicts <paramref name="facts"/> (no creator record yet) with its creator's totals at fit time, and keeps the
    /// prediction. Top features: the model's total gain per feature the item has a value for, a one-hot group (topic,
    /// format, channel) named by the item's own value ("format=video" carries the gain of every format column: "not an
    /// article" is part of the answer too), as shares of the model's whole gain. These are the model's reasons in
    /// general that apply to this item, not a per-item attribution.
    /// </summary>
    public ItemCtrPrediction Predict(CtrFacts facts, string? creator, int topFeatures = 5)
    {
        var full = facts with { Creator = creator is not null && report.Creators.TryGetValue(creator, out var history) ? history : null };
        var row = predictor.Encoder.Encode(full);
        var p = predictor.Model.Predict([row])[0];
        predicted[facts.ItemId] = p;
        return new ItemCtrPrediction(facts.ItemId, p, TopFeatures(full, row, topFeatures));
    }

    private List<FeatureImportance> TopFeatures(CtrFacts facts, float[] row, int count)
    {
        var column = predictor.Encoder.Names.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        var total = report.Importances.Sum(f => f.Gain);
        return report.Importances
            .Select(f => (Label: LabelOf(f.Feature, facts, column.TryGetValue(f.Feature, out var i) ? row[i] : float.NaN), f.Gain))
            .Where(f => f.Label is not null).GroupBy(f => f.Label!, StringComparer.Ordinal)
            .Select(g => new FeatureImportance(g.Key, g.Sum(f => f.Gain), g.Sum(f => f.Gain) / total))
            .OrderByDescending(f => f.Gain).Take(count).ToList();
    }

    /// <summary>A one-hot column as its group with the item's value; a number by its name, null when the item lacks it.</summary>
    private static string? LabelOf(string feature, CtrFacts facts, float value)
    {
        var equals = feature.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0) return float.IsNaN(value) ? null : feature;
        var group = feature[..equals];
        var own = group switch { "topic" => facts.Topic, "format" => facts.Format, "channel" => facts.Channel, _ => null };
        return $"{group}={own ?? "unknown"}";
    }
}
