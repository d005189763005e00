using ContentGrains.Core.Click;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace ContentGrains.Analysis.Click;

/// <summary>LightGBM's objective for the click model: pointwise log-loss, or lambdarank with each impression as a query.</summary>
public enum ClickTreeObjective { Binary, LambdaRank }

/// <summary>A gradient-boosted click model's settings. The seed fixes LightGBM's (single-threaded) fit.</summary>
public sealed record LightGbmClickOptions(ClickTreeObjective Objective = ClickTreeObjective.Binary, int Trees = 300, int Leaves = 15,
    double LearningRate = 0.05, int MinRowsInLeaf = 100, int Seed = 42)
{
    public override string ToString() =>
        $"lightgbm {(Objective == ClickTreeObjective.Binary ? "binary" : "lambdarank")}, {Trees} trees of {Leaves} leaves, rate {LearningRate:0.###}, ≥ {MinRowsInLeaf} rows a leaf";
}

/// <summary>
/// Fits LightGBM (through ML.NET) on the click model's feature rows, the raw 39 values (trees need no scaling), and
/// hands back its trees as a plain <see cref="ClickTreeEnsemble"/>, which the click model's ONNX export writes as an
/// <c>ai.onnx.ml</c> TreeEnsembleRegressor beside the MLP. The booster's own scores (<see cref="Fitted.Score"/>) are
/// kept as the reference the exported trees are checked against.
/// </summary>
public static class LightGbmClickTrainer
{
    /// <summary>Binary LightGBM's raw score per unit of logit: ML.NET passes sigmoid = 0.5, so P = σ(0.5 · score).</summary>
    public const double BinaryScorePerLogit = 2;

    /// <summary>The fitted booster (scored by ML.NET) and its trees copied out. Both give the raw score: twice the logit for binary (ML.NET passes sigmoid 0.5), a ranking score for lambdarank.</summary>
    public sealed class Fitted(MLContext ml, ITransformer model, ClickTreeEnsemble trees)
    {
        public ClickTreeEnsemble Trees { get; } = trees;

        /// <summary>ML.NET's own raw score for each row (row-major, <see cref="ClickFeatures.Count"/> wide).</summary>
        public float[] Score(float[] rows)
        {
            var count = rows.Length / ClickFeatures.Count;
            var input = Enumerable.Range(0, count).Select(r => new FeatureRow { Features = rows.AsSpan(r * ClickFeatures.Count, ClickFeatures.Count).ToArray() });
            var data = ml.Data.LoadFromEnumerable(input, AnalysisContext.FeatureSchema<FeatureRow>(ClickFeatures.Count));
            return model.Transform(data).GetColumn<float>("Score").ToArray();
        }
    }

    public static Fitted Fit(IReadOnlyList<ClickImpression> impressions, LightGbmClickOptions options)
    {
        if (impressions.Count == 0) throw new ArgumentException("no impressions to train on", nameof(impressions));
        var ml = AnalysisContext.Create(options.Seed);
        var rows = new List<GroupedFeatureRow>(impressions.Sum(i => i.CandidateCount));
        for (var g = 0; g < impressions.Count; g++)
        {
            var impression = impressions[g];
            for (var c = 0; c < impression.CandidateCount; c++)
                rows.Add(new GroupedFeatureRow { Label = impression.Labels[c], Group = (uint)g + 1, Features = impression.Rows.AsSpan(c * ClickFeatures.Count, ClickFeatures.Count).ToArray() });
        }
        var schema = AnalysisContext.FeatureSchema<GroupedFeatureRow>(ClickFeatures.Count);
        schema[nameof(GroupedFeatureRow.Group)].ColumnType = new KeyDataViewType(typeof(uint), impressions.Count + 1);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var (model, ensemble) = options.Objective switch
        {
            ClickTreeObjective.Binary => FitBinary(ml, data, options),
            _ => FitLambdaRank(ml, data, options),
        };
        return new Fitted(ml, model, Copy(ensemble));
    }

    private static (ITransformer, RegressionTreeEnsemble) FitBinary(MLContext ml, IDataView data, LightGbmClickOptions options)
    {
        var model = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(GroupedFeatureRow.Label),
            FeatureColumnName = nameof(GroupedFeatureRow.Features),
            NumberOfIterations = options.Trees,
            NumberOfLeaves = options.Leaves,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinRowsInLeaf,
            Seed = options.Seed,
            NumberOfThreads = 1,
        }).Fit(ml.Transforms.Conversion.ConvertType(nameof(GroupedFeatureRow.Label), outputKind: DataKind.Boolean).Fit(data).Transform(data));
        return (model, model.Model.SubModel.TrainedTreeEnsemble);
    }

    private static (ITransformer, RegressionTreeEnsemble) FitLambdaRank(MLContext ml, IDataView data, LightGbmClickOptions options)
    {
        var model = ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(GroupedFeatureRow.Label),
            FeatureColumnName = nameof(GroupedFeatureRow.Features),
            RowGroupColumnName = nameof(GroupedFeatureRow.Group),
            NumberOfIterations = options.Trees,
            NumberOfLeaves = options.Leaves,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinRowsInLeaf,
            Seed = options.Seed,
            NumberOfThreads = 1,
        }).Fit(data);
        return (model, model.Model.TrainedTreeEnsemble);
    }

    /// <summary>ML.NET's trees as plain arrays, each tree's weight folded into its leaves. Categorical splits are never made here (every feature is a plain number).</summary>
    private static ClickTreeEnsemble Copy(RegressionTreeEnsemble ensemble)
    {
        var trees = new List<ClickTree>(ensemble.Trees.Count);
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(c => c)) throw new InvalidOperationException($"tree {t} has a categorical split, which the click model's export does not write");
            var weight = ensemble.TreeWeights[t];
            trees.Add(new ClickTree([.. tree.LeftChild], [.. tree.RightChild], [.. tree.NumericalSplitFeatureIndexes], [.. tree.NumericalSplitThresholds],
                tree.LeafValues.Select(v => v * weight).ToArray()));
        }
        var copy = new ClickTreeEnsemble(trees, ensemble.Bias);
        copy.Validate(ClickFeatures.Count);
        return copy;
    }
}
