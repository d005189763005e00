using ContentGrains.Core.Performance;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace ContentGrains.Analysis.Performance;

/// <summary>The few LightGBM settings a CTR fit exposes; the defaults suit a few thousand items.</summary>
public sealed record LightGbmCtrOptions(int Iterations = 200, double LearningRate = 0.03, int Leaves = 8, int MinItemsPerLeaf = 30, int Seed = 42);

/// <summary>
/// LightGBM (through ML.NET) as a CTR model. An item with n impressions and c clicks becomes two weighted rows, a click
/// of weight c and a miss of weight n − c, so the binary log-loss LightGBM minimises is exactly the per-impression
/// log-loss of the item's rate, and the output is a calibrated probability. One thread: a seed gives one model.
/// </summary>
public sealed class LightGbmCtrTrainer(LightGbmCtrOptions options) : ICtrModelTrainer
{
    public LightGbmCtrTrainer() : this(new LightGbmCtrOptions()) { }

    public string Name => "lightgbm";

    public ICtrModel Fit(IReadOnlyList<float[]> rows, IReadOnlyList<CtrOutcome> outcomes, IReadOnlyList<string> featureNames)
    {
        if (rows.Count != outcomes.Count) throw new ArgumentException($"{rows.Count} rows for {outcomes.Count} outcomes", nameof(outcomes));
        if (rows.Count == 0) throw new ArgumentException("no rows to fit", nameof(rows));
        if (rows.Any(r => r.Length != featureNames.Count)) throw new ArgumentException($"every row must have {featureNames.Count} features, one per name", nameof(rows));
        var ml = AnalysisContext.Create(options.Seed);
        var data = ml.Data.LoadFromEnumerable(WeightedRows(rows, outcomes), AnalysisContext.FeatureSchema<WeightedRow>(featureNames.Count));
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(WeightedRow.Label),
            FeatureColumnName = nameof(WeightedRow.Features),
            ExampleWeightColumnName = nameof(WeightedRow.Weight),
            NumberOfIterations = options.Iterations,
            LearningRate = options.LearningRate,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinItemsPerLeaf,
            Seed = options.Seed,
            NumberOfThreads = 1,
        });
        var fitted = trainer.Fit(data);
        VBuffer<float> gains = default;
        fitted.Model.SubModel.GetFeatureWeights(ref gains);
        var importances = FeatureImportance.From(gains.DenseValues().Select((g, i) => (featureNames[i], (double)g)));
        return new LightGbmCtrModel(ml, fitted, featureNames.Count, importances);
    }

    private static IEnumerable<WeightedRow> WeightedRows(IReadOnlyList<float[]> rows, IReadOnlyList<CtrOutcome> outcomes)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var (shown, clicked) = (Math.Max(outcomes[i].Impressions, outcomes[i].Clicks), outcomes[i].Clicks);
            if (clicked > 0) yield return new WeightedRow { Label = true, Weight = clicked, Features = rows[i] };
            if (shown > clicked) yield return new WeightedRow { Label = false, Weight = shown - clicked, Features = rows[i] };
        }
    }

    internal sealed class WeightedRow
    {
        public bool Label { get; set; }
        public float Weight { get; set; }
        public float[] Features { get; set; } = [];
    }
}
