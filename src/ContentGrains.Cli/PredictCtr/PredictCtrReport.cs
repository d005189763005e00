using System.Diagnostics;
using ContentGrains.Analysis.Performance;
using ContentGrains.Core.Performance;

namespace ContentGrains.Cli.PredictCtr;

/// <summary>The `predict-ctr` report: the split, then each predictor's metrics on all test articles and on those with text.</summary>
internal sealed class PredictCtrReport(PredictCtrOptions options, MindCtrSplit split, DateTimeOffset cutoff, TextWriter output)
{
    public object Build((IReadOnlyDictionary<string, float[]> Vectors, double Seconds)? text)
    {
        var data = text is { } t ? split.WithVectors(t.Vectors) : split;
        var trainer = new LightGbmCtrTrainer(new LightGbmCtrOptions(Iterations: options.Iterations, Seed: options.Seed));
        var plain = Fitted(trainer, data, useText: false);
        var withText = text is null ? null : Fitted(trainer, data, useText: true);
        var encoder = plain.Predictor.Encoder;
        var facts = data.Test.Select(e => e.Facts).ToList();
        var predictions = new Dictionary<string, IReadOnlyList<double>>
        {
            ["globalMean"] = CtrBaselines.GlobalMean(encoder, facts),
            ["categorySoFar"] = CtrBaselines.CreatorSoFar(encoder, facts),
            ["lightgbm"] = plain.Predictor.Predict(facts),
        };
        if (withText is not null) predictions["lightgbmWithText"] = withText.Predictor.Predict(facts);
        var known = Enumerable.Range(0, facts.Count).Where(i => facts[i].Topic is not null).ToList();
        foreach (var (name, p) in predictions)
            output.WriteLine($"predict-ctr: {name,-17} {Line(Metrics(data.Test, p, null))}");
        return new
        {
            data = options.Data,
            task = "predict the CTR of MIND articles first shown from the cutoff, from what was known when each was first shown; fitted on articles first shown before it (their traffic before it)",
            cutoff,
            device = "cpu (LightGBM through ML.NET 5.0.1, one thread)",
            training = Describe(data.Training),
            test = Describe(data.Test),
            encodeSeconds = text?.Seconds,
            meanCtr = encoder.MeanCtr,
            allTestArticles = predictions.ToDictionary(p => p.Key, p => Metrics(data.Test, p.Value, null)),
            testArticlesWithNewsRow = known.Count == 0 ? null : predictions.ToDictionary(p => p.Key, p => Metrics(data.Test, p.Value, known)),
            models = new[] { plain, withText }.OfType<FittedModel>().Select(m => new
            {
                name = m.UseText ? "lightgbmWithText" : "lightgbm",
                features = m.Predictor.Encoder.Names.Count,
                fitSeconds = m.Seconds,
                importancesGrouped = FeatureImportance.GroupTextVector(m.Predictor.Model.Importances),
                importances = m.Predictor.Model.Importances.Take(20),
            }),
        };
    }

    private static FittedModel Fitted(ICtrModelTrainer trainer, MindCtrSplit data, bool useText)
    {
        var started = Stopwatch.GetTimestamp();
        var predictor = CtrPredictor.Fit(trainer, data.Training, useText);
        return new FittedModel(predictor, useText, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static CtrMetrics Metrics(IReadOnlyList<CtrExample> test, IReadOnlyList<double> predicted, List<int>? subset)
    {
        var kept = subset ?? Enumerable.Range(0, test.Count).ToList();
        return CtrMetrics.Of(kept.Select(i => test[i].Outcome).ToList(), kept.Select(i => predicted[i]).ToList());
    }

    private static object Describe(IReadOnlyList<CtrExample> examples) => new
    {
        articles = examples.Count,
        withNewsRow = examples.Count(e => e.Facts.Topic is not null),
        withText = examples.Count(e => e.Facts.TextVector is not null),
        impressions = examples.Sum(e => e.Outcome.Impressions),
        clicks = examples.Sum(e => e.Outcome.Clicks),
    };

    private static string Line(CtrMetrics m) =>
        $"AUC {m.Auc:F4}  log-loss {m.LogLoss:F5}  RMSE {m.WeightedRmse:F5}  Spearman {(m.Spearman is { } s ? s.ToString("F3") : "-")}";

    private sealed record FittedModel(CtrPredictor Predictor, bool UseText, double Seconds);
}
