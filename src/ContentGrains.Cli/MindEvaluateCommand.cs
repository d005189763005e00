using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Click;
using ContentGrains.Core.Click.Mind;
using ContentGrains.Inference.Click;
using ContentGrains.Training.Click;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains evaluate --format mind`: the click model on MIND impressions. Features come from what was logged
/// before each impression (<see cref="MindFeatureBuilder"/>); the model's shape and epochs are chosen on the last
/// training day, it is retrained on every day before the last, exported to ONNX and scored with ONNX Runtime on the
/// last day, beside the single-signal baselines on the same rows. Prints and writes group AUC, MRR, nDCG@5, nDCG@10
/// and log-loss.
/// </summary>
public static class MindEvaluateCommand
{
    /// <summary>
    /// The shapes model selection tries: logistic regression and a small MLP, two listwise weights, each for up to this
    /// many epochs, each an ensemble of <see cref="EnsembleMembers"/> seeds.
    /// </summary>
    internal static readonly IReadOnlyList<ClickModelOptions> Candidates =
    [
        new() { Hidden = 0, Epochs = 8, ListwiseWeight = 1, Members = EnsembleMembers },
        new() { Hidden = 0, Epochs = 8, ListwiseWeight = 4, Members = EnsembleMembers },
        new() { Hidden = 16, Epochs = 8, ListwiseWeight = 1, Members = EnsembleMembers },
        new() { Hidden = 16, Epochs = 8, ListwiseWeight = 4, Members = EnsembleMembers },
    ];

    /// <summary>
    /// Seeds per model. A single MLP's validation group AUC swings by up to ±0.009 (standard deviation over three seeds)
    /// from seed to seed, as much as the choices being compared; five seeds merged swing by at most ±0.004 (docs/models.md, "Reaching for group AUC 0.62").
    /// </summary>
    internal const int EnsembleMembers = 5;

    public static int Run(OptionValues values, TextWriter output, TextWriter errors)
    {
        var (options, error) = MindEvaluateOptions.Parse(values);
        if (options is null)
        {
            errors.WriteLine($"evaluate: {error}");
            return 2;
        }
        try
        {
            var report = Evaluate(options, output);
            if (options.Out is not null)
            {
                File.WriteAllText(options.Out, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
                output.WriteLine($"wrote {options.Out}");
            }
            return 0;
        }
        catch (Exception e) when (e is MindFormatException or FileNotFoundException or ArgumentException)
        {
            errors.WriteLine($"evaluate: {e.Message}");
            return 2;
        }
    }

    private static JsonObject Evaluate(MindEvaluateOptions options, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var impressions = ReadFeatures(options.Data);
        var featureSeconds = clock.Elapsed.TotalSeconds;
        var (train, test) = ClickRows.SplitLastDay(impressions);
        var (fit, validation) = ClickRows.SplitLastDay(train);
        output.WriteLine($"mind: {impressions.Count} impressions; train {Days(train)} ({train.Count}), test {Days(test)} ({test.Count}); features in {featureSeconds:F1} s");

        var choice = ClickModelSelection.Select(fit, validation, Candidates, options.Seed);
        foreach (var trial in choice.Trials)
            output.WriteLine($"  validation {Days(validation)}  {trial.Options}: {trial.Validation}");
        output.WriteLine($"chosen on validation: {choice.Options}");
        var trees = options.Trees ? MindTreeBlend.Select(fit, validation, choice.Weights, options.Seed, output) : null;
        var protocol = new JsonObject
        {
            ["train"] = Days(train),
            ["validation"] = Days(validation) + " (model selection; trained on " + Days(fit) + ")",
            ["test"] = Days(test),
            ["features"] = "computed from what was logged before each impression",
            ["metrics"] = "per-impression mean over impressions with a clicked and a not clicked candidate; ties count half (AUC) or share the mean discount (MRR, nDCG)",
            ["seed"] = options.Seed,
        };
        var selection = new JsonArray(choice.Trials.Select(t => (JsonNode)Metrics(t.Validation, new JsonObject { ["shape"] = t.Options.Shape, ["listwiseWeight"] = t.Options.ListwiseWeight, ["epochs"] = t.Options.Epochs })).ToArray());
        var treeSelection = trees is null ? null : MindTreeBlend.Report(trees, Metrics);
        if (options.ValidationOnly)
            return new JsonObject
            {
                ["dataset"] = "mind", ["data"] = Path.GetFullPath(options.Data), ["protocol"] = protocol, ["validationOnly"] = true,
                ["selection"] = selection, ["treeSelection"] = treeSelection, ["totalSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
            };

        var fitted = ClickTrainer.Train(train, choice.Options, options.Seed);
        var weights = fitted.Weights;
        JsonObject? parts = null;
        if (trees is { TreeWeight: > 0 }) (weights, parts) = MindTreeBlend.Fit(train, test, fitted.Weights, trees, Metrics, output);
        var version = ClickOnnxExport.ContentVersion(weights);
        using var scorer = new OnnxClickScorer(ClickOnnxExport.ToBytes(weights, version), version);
        var model = ClickMetrics.Of(test, scorer.Score, probabilities: true);
        var shape = choice.Options.Shape + (trees is { TreeWeight: > 0 } ? $" + {trees.Options} (weight {trees.TreeWeight:0.0})" : "");
        output.WriteLine($"click model ({shape}, {choice.Options.Epochs} epochs, {fitted.Report.Device}, {fitted.Report.Elapsed.TotalSeconds:F1} s) test: {model}");

        var baselines = new JsonArray();
        foreach (var baseline in SingleSignalScorer.Baselines(options.Seed))
        {
            var metrics = ClickMetrics.Of(test, baseline.Score, probabilities: false);
            output.WriteLine($"  baseline {baseline.Version,-14} test: {metrics}");
            baselines.Add(Metrics(metrics, new JsonObject { ["name"] = baseline.Version }));
        }

        return new JsonObject
        {
            ["dataset"] = "mind",
            ["data"] = Path.GetFullPath(options.Data),
            ["protocol"] = protocol,
            ["impressions"] = new JsonObject { ["train"] = train.Count, ["test"] = test.Count, ["testScored"] = model.Scored, ["testCandidates"] = model.Candidates },
            ["model"] = Metrics(model, new JsonObject
            {
                ["version"] = version,
                ["shape"] = shape,
                ["epochs"] = choice.Options.Epochs,
                ["listwiseWeight"] = choice.Options.ListwiseWeight,
                ["ensembleMembers"] = choice.Options.Members,
                ["device"] = fitted.Report.Device,
                ["trainRows"] = fitted.Report.Rows,
                ["trainSeconds"] = Math.Round(fitted.Report.Elapsed.TotalSeconds, 2),
                ["scoredWith"] = "ONNX Runtime",
                ["parts"] = parts,
            }),
            ["baselines"] = baselines,
            ["selection"] = selection,
            ["treeSelection"] = treeSelection,
            ["featureNames"] = new JsonArray(ClickFeatures.Names.Select(n => (JsonNode)n!).ToArray()),
            ["featureSeconds"] = Math.Round(featureSeconds, 2),
            ["totalSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
        };
    }

    /// <summary>Every impression's rows, built in time order; news.tsv gives the tag match when the folder has it.</summary>
    private static List<ClickImpression> ReadFeatures(string folder)
    {
        if (!Directory.Exists(folder)) throw new FileNotFoundException($"--data {folder}: no such folder", folder);
        var behaviors = MindReader.ReadBehaviors(Path.Combine(folder, "behaviors.tsv"));
        var newsPath = Path.Combine(folder, "news.tsv");
        var news = File.Exists(newsPath) ? MindReader.ReadNews(newsPath).ToDictionary(n => n.Id) : null;
        return new MindFeatureBuilder(news).Build(behaviors);
    }

    private static JsonObject Metrics(ClickMetrics metrics, JsonObject into)
    {
        into["groupAuc"] = Math.Round(metrics.GroupAuc, 4);
        into["mrr"] = Math.Round(metrics.Mrr, 4);
        into["ndcg@5"] = Math.Round(metrics.Ndcg5, 4);
        into["ndcg@10"] = Math.Round(metrics.Ndcg10, 4);
        if (metrics.LogLoss is { } logLoss) into["logloss"] = Math.Round(logLoss, 4);
        return into;
    }

    private static string Days(IReadOnlyList<ClickImpression> impressions)
    {
        var first = impressions.Min(i => i.Day);
        var last = impressions.Max(i => i.Day);
        return first == last ? $"{first:yyyy-MM-dd}" : $"{first:yyyy-MM-dd}..{last:yyyy-MM-dd}";
    }
}
