using ContentGrains.Core.Models.Ranking;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace ContentGrains.Analysis.Ranking;

/// <summary>LightGBM's lambdarank settings, matched to the hand-written LambdaMART's defaults (<see cref="RankerOptions"/>).</summary>
public sealed record LightGbmRankerOptions(int Trees = 150, int Leaves = 16, double LearningRate = 0.05, int MinRowsInLeaf = 100, int Seed = 42);

/// <summary>
/// LightGBM's lambdarank (through ML.NET) over the hybrid's ranking rows, in place of the hand-written
/// <see cref="GradientBoostedRanker"/> for measuring the two side by side. Rows are scored one at a time through a
/// prediction engine per thread (an engine is not thread-safe and the evaluator scores users in parallel).
/// </summary>
public sealed class LightGbmRowRanker : IRowRanker, IDisposable
{
    private readonly ThreadLocal<PredictionEngine<FeatureRow, Scored>> engines;

    private LightGbmRowRanker(MLContext ml, ITransformer model, int featureCount)
    {
        FeatureCount = featureCount;
        var schema = AnalysisContext.FeatureSchema<FeatureRow>(featureCount);
        engines = new ThreadLocal<PredictionEngine<FeatureRow, Scored>>(() => ml.Model.CreatePredictionEngine<FeatureRow, Scored>(model, inputSchemaDefinition: schema), trackAllValues: true);
    }

    public int FeatureCount { get; }

    public static LightGbmRowRanker Fit(RankingData data, LightGbmRankerOptions options)
    {
        var ml = AnalysisContext.Create(options.Seed);
        var rows = Enumerable.Range(0, data.GroupCount).SelectMany(g => Enumerable.Range(data.GroupStarts[g], data.GroupStarts[g + 1] - data.GroupStarts[g])
            .Select(r => new GroupedFeatureRow { Label = data.Labels[r], Group = (uint)g + 1, Features = data.Row(r).ToArray() }));
        var schema = AnalysisContext.FeatureSchema<GroupedFeatureRow>(data.FeatureCount);
        schema[nameof(GroupedFeatureRow.Group)].ColumnType = new KeyDataViewType(typeof(uint), data.GroupCount + 1);
        var trainer = ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(GroupedFeatureRow.Label),
            FeatureColumnName = nameof(GroupedFeatureRow.Features),
            RowGroupColumnName = nameof(GroupedFeatureRow.Group),
            NumberOfIterations = options.Trees,
            NumberOfLeaves = options.Leaves,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinRowsInLeaf,
            MaximumBinCountPerFeature = 64,
            Seed = options.Seed,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(rows.ToList(), schema));
        return new LightGbmRowRanker(ml, model, data.FeatureCount);
    }

    public float Predict(ReadOnlySpan<float> row) => engines.Value!.Predict(new FeatureRow { Features = row.ToArray() }).Score;

    public void Dispose()
    {
        foreach (var engine in engines.Values) engine.Dispose();
        engines.Dispose();
    }

    private sealed class Scored
    {
        public float Score { get; set; }
    }
}
