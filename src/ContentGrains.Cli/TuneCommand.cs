using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;
using ContentGrains.Core.Models.Ranking;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains tune`: tries a small grid of hyperparameters for one model, fitting on train and choosing on the
/// validation split only. Test figures are printed beside each trial for the record, never used to choose.
/// The hybrid's ranker learns from validation labels, so its validation figure is cross-validated over users
/// (the ranker of fold f never saw fold f's users), and its test figure comes from the ranker fit on all of them.
/// </summary>
public static class TuneCommand
{
    private const int Folds = 5;

    public static Command Create(CliIo io) => CommandTree.Leaf("tune",
        "Tries a grid of settings for one model and picks the best by a validation metric; reports each trial's validation and test figures.",
        [
            CommandTree.Value("data", "DIR", "The RecBole data set's folder. Required."),
            CommandTree.Value("dataset", "NAME", "The data set's NAME when the folder holds more than one."),
            CommandTree.Value("split", "given|RS:…|TO:…", "How to split, as for evaluate.", "given"),
            CommandTree.Value("seed", "N", "Random seed.", "2020"),
            CommandTree.Value("model", "ease|ease-pop|itemknn|userknn|rp3beta|hybrid", "The model whose grid to try.", "ease"),
            CommandTree.Value("metric", "ndcg|recall|mrr|hit|precision@K", "The validation metric that picks the best trial.", "ndcg@10"),
            CommandTree.Value("out", "FILE", "Write the JSON report here."),
        ],
        values => Run(values, io));

    /// <summary>Runs `tune` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors) => CommandTree.Run(Create(new CliIo(output, errors)), args, new CliIo(output, errors));

    private static int Run(OptionValues values, CliIo io)
    {
        var (output, errors) = (io.Output, io.Errors);
        if (values.Text("data") is not { } data)
            return Fail(errors, "--data DIR is required");
        var (split, splitError) = SplitSpec.Parse(values.Text("split", "given"));
        if (split is null)
            return Fail(errors, $"--split: {splitError}");
        var (seedValue, seedError) = values.Integer("seed", 2020, int.MinValue, int.MaxValue);
        if (seedError is not null)
            return Fail(errors, seedError);
        var seed = (int)seedValue;
        var modelName = values.Text("model", "ease");
        var metric = values.Text("metric", "ndcg@10");
        var metricParts = metric.Split('@');
        if (metricParts.Length != 2 || !int.TryParse(metricParts[1], out var k) || k < 1 || k > FullRankingEvaluator.MaxK ||
            metricParts[0] is not ("ndcg" or "recall" or "mrr" or "hit" or "precision"))
            return Fail(errors, $"--metric: '{metric}' is not ndcg|recall|mrr|hit|precision@K");
        var dataset = values.Text("dataset") ?? EvaluateCommand.FindDataset(data, split.FileSuffix);
        if (dataset is null)
            return Fail(errors, $"no single NAME{split.FileSuffix} in {data}; name the data set with --dataset");

        var givenSplit = split.Load(data, dataset, seed);
        var context = ModelContext.Of(givenSplit, EvaluateCommand.SideFile(data, dataset, ".item"), EvaluateCommand.SideFile(data, dataset, ".user"), seed);
        var evaluator = new FullRankingEvaluator(k);
        double Pick(MetricValues m) => metricParts[0] switch
        {
            "ndcg" => m.Ndcg, "recall" => m.Recall, "mrr" => m.Mrr, "hit" => m.Hit, _ => m.Precision,
        };

        IEnumerable<Trial> trials = modelName switch
        {
            "ease" => Grid([100, 200, 250, 300, 400, 500, 600, 800, 1000, 1500], l => ($"lambda={l}", () => new EaseModel(l))).Select(Plain),
            "ease-pop" => Grid(
                from l in new[] { 50.0, 100, 200, 300 } from a in new[] { 0.05, 0.1, 0.2, 0.4 } select (l, a),
                p => ($"lambda={p.l} alpha={p.a}", () => new EaseModel(p.l, p.a))).Select(Plain),
            "userknn" => Grid([(20, 0.0), (50, 0.0), (100, 0.0), (200, 0.0), (50, 10.0), (100, 10.0)],
                p => ($"k={p.Item1} shrink={p.Item2}", () => new UserKnnModel(p.Item1, p.Item2))).Select(Plain),
            "itemknn" => Grid([(20, 0.0), (50, 0.0), (100, 0.0), (200, 0.0), (50, 10.0), (100, 10.0), (100, 50.0), (200, 50.0)],
                p => ($"k={p.Item1} shrink={p.Item2}", () => new ItemKnnModel(p.Item1, p.Item2))).Select(Plain),
            "rp3beta" => Grid(
                from a in new[] { 0.8, 1.0, 1.2 } from b in new[] { 0.3, 0.4, 0.5, 0.6, 0.7 } from n in new[] { 100, 200 } select (a, b, n),
                p => ($"alpha={p.a} beta={p.b} k={p.n}", () => new Rp3BetaModel(p.a, p.b, p.n))).Select(Plain),
            "hybrid" => HybridTrials(givenSplit, context, evaluator),
            _ => throw new ArgumentException($"tune knows no grid for '{modelName}'; try ease, itemknn, rp3beta or hybrid"),
        };

        Trial Plain((string Name, Func<IRecommenderModel> Create) candidate) => new(candidate.Name, () =>
        {
            var model = candidate.Create();
            var clock = Stopwatch.StartNew();
            model.Fit(givenSplit.Train);
            var seconds = clock.Elapsed.TotalSeconds;
            return (evaluator.EvaluateValidation(model, givenSplit).Metrics, evaluator.EvaluateTest(model, givenSplit).Metrics, seconds);
        });

        output.WriteLine($"tune {modelName} on {dataset} ({split}), choosing by validation {metric}");
        var results = new JsonArray();
        (string Name, double Valid)? best = null;
        var trialList = trials.ToList(); // counted for the progress bar (the hybrid's shared base fits run here)
        WorkProgress.Run(io, $"tune {modelName}", trialList.Count, "trials", progress =>
        {
            foreach (var trial in trialList)
            {
                var (valid, test, seconds) = trial.Run();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{trial.Name,-48} valid {metric} {Pick(valid):F4} (recall {valid.Recall:F4} mrr {valid.Mrr:F4})   test {Pick(test):F4} (recall {test.Recall:F4} mrr {test.Mrr:F4})   fit {seconds:F1} s"));
                results.Add(new JsonObject
                {
                    ["params"] = trial.Name,
                    ["valid"] = Json(valid, k),
                    ["test"] = Json(test, k),
                    ["trainSeconds"] = Math.Round(seconds, 2),
                });
                if (best is null || Pick(valid) > best.Value.Valid)
                    best = (trial.Name, Pick(valid));
            progress.Advance();
            }
            return 0;
        });
        output.WriteLine($"best: {best?.Name} (valid {metric} {best?.Valid:F4})");
        if (values.Text("out") is { } path)
        {
            var report = new JsonObject
            {
                ["model"] = modelName, ["dataset"] = dataset, ["split"] = split.ToString(), ["metric"] = metric,
                ["best"] = best?.Name, ["trials"] = results,
            };
            File.WriteAllText(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
            output.WriteLine($"wrote {path}");
        }
        return 0;
    }

    private sealed record Trial(string Name, Func<(MetricValues Valid, MetricValues Test, double Seconds)> Run);

    private static IEnumerable<(string, Func<IRecommenderModel>)> Grid<T>(IEnumerable<T> points, Func<T, (string, Func<IRecommenderModel>)> make) =>
        points.Select(make);

    /// <summary>
    /// Ranker settings and label sources for the hybrid. Base scorers are fit once per label source and shared by
    /// every ranker setting; each trial's validation figure for validation labels is the {Folds}-fold figure over users.
    /// </summary>
    private static IEnumerable<Trial> HybridTrials(GivenSplit split, ModelContext context, FullRankingEvaluator evaluator)
    {
        var baseOptions = new HybridOptions();
        var side = ItemSideInfo.FromItemFile(context.ItemFile, context.Items);
        var clock = Stopwatch.StartNew();
        var features = HybridModel.FitBaseScorers(split.Train, baseOptions, side, context.Seed);
        var validationRows = HybridModel.RankingRows(features, split.Train, split.Valid);
        var baseSeconds = clock.Elapsed.TotalSeconds;

        RankerOptions[] rankerGrid =
        [
            new(Trees: 0, LinearIterations: 50),
            new(Trees: 0, LinearIterations: 100),
            new(Trees: 0, LinearIterations: 100, LinearRate: 0.02),
            new(Trees: 50, Leaves: 8, LinearIterations: 50, MinRowsInLeaf: 400),
        ];
        foreach (var ranker in rankerGrid)
        {
            var name = $"validation-labels {Describe(ranker)}";
            yield return new Trial(name, () => CrossValidatedTrial(split, features, validationRows, baseOptions with { Ranker = ranker }, baseSeconds, evaluator));
        }

        // Base scorer variants with the default ranker: how many candidates, and what each extra scorer brings.
        HybridOptions[] variants =
        [
            baseOptions with { CandidatesPerScorer = 30 },
            baseOptions with { CandidatesPerScorer = 100 },
            baseOptions with { AlsModels = 0 },
            baseOptions with { AlsModels = 2 },
            baseOptions with { UserKnnNeighbours = 0 },
            baseOptions with { EaseRegularization = 500 },
        ];
        foreach (var variant in variants)
        {
            yield return new Trial($"validation-labels {Difference(variant, baseOptions)}", () =>
            {
                var variantClock = Stopwatch.StartNew();
                var variantFeatures = HybridModel.FitBaseScorers(split.Train, variant, side, context.Seed);
                var rows = HybridModel.RankingRows(variantFeatures, split.Train, split.Valid);
                return CrossValidatedTrial(split, variantFeatures, rows, variant, variantClock.Elapsed.TotalSeconds, evaluator);
            });
        }

        foreach (var ranker in new[] { HybridModel.DefaultRanker, new RankerOptions(Trees: 50, Leaves: 8, LinearIterations: 50, MinRowsInLeaf: 400) })
        {
            yield return new Trial($"holdout-labels {Describe(ranker)}", () =>
            {
                var model = new HybridModel(context, baseOptions with { Labels = RankerLabels.HoldOut, Ranker = ranker });
                var fitClock = Stopwatch.StartNew();
                model.Fit(split.Train);
                var seconds = fitClock.Elapsed.TotalSeconds;
                return (evaluator.EvaluateValidation(model, split).Metrics, evaluator.EvaluateTest(model, split).Metrics, seconds);
            });
        }
    }

    /// <summary>Cross-validated validation metrics, and test metrics of the ranker fit on every user's validation items.</summary>
    private static (MetricValues, MetricValues, double) CrossValidatedTrial(
        GivenSplit split, CandidateFeatures features, RankingData rows, HybridOptions options, double baseSeconds, FullRankingEvaluator evaluator)
    {
        var ranker = options.Ranker ?? HybridModel.DefaultRanker;
        var clock = Stopwatch.StartNew();
        var full = GradientBoostedRanker.Fit(rows, ranker);
        var seconds = baseSeconds + clock.Elapsed.TotalSeconds;
        var test = evaluator.EvaluateTest(HybridModel.FromParts(options, features, full, split.Train), split).Metrics;
        return (CrossValidated(split, features, rows, ranker, options, evaluator), test, seconds);
    }

    /// <summary>The base options that differ from the defaults, as "name=value" words.</summary>
    private static string Difference(HybridOptions variant, HybridOptions defaults) =>
        string.Join(' ', typeof(HybridOptions).GetProperties()
            .Where(p => p.Name != nameof(HybridOptions.Ranker) && !Equals(p.GetValue(variant), p.GetValue(defaults)))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.GetValue(variant)}")));

    /// <summary>Validation metrics where each user is scored by a ranker fit without that user's validation items.</summary>
    private static MetricValues CrossValidated(
        GivenSplit split, CandidateFeatures features, RankingData rows, RankerOptions ranker, HybridOptions options, FullRankingEvaluator evaluator)
    {
        var sum = default(MetricValues);
        var users = 0;
        for (var fold = 0; fold < Folds; fold++)
        {
            var f = fold;
            var foldRanker = GradientBoostedRanker.Fit(rows.Subset(user => user % Folds != f), ranker);
            var model = HybridModel.FromParts(options with { Ranker = ranker }, features, foldRanker, split.Train);
            var foldValid = InteractionSet.FromPairs(split.UserCount, split.ItemCount,
                Enumerable.Range(0, split.UserCount).Where(u => u % Folds == f)
                    .SelectMany(u => split.Valid.ItemsOf(u).ToArray().Select(i => (u, i))));
            var result = evaluator.Evaluate(model.Score, foldValid, [split.Train]);
            sum += result.Metrics.DividedBy(1.0 / result.Users); // weighted by the fold's users
            users += result.Users;
        }
        return sum.DividedBy(users);
    }

    private static string Describe(RankerOptions r) =>
        string.Create(CultureInfo.InvariantCulture, $"linear={r.LinearIterations}x{r.LinearRate} trees={r.Trees} leaves={r.Leaves} rate={r.LearningRate}");

    private static JsonObject Json(MetricValues m, int k) => new()
    {
        [$"ndcg@{k}"] = Math.Round(m.Ndcg, 4), [$"recall@{k}"] = Math.Round(m.Recall, 4), [$"mrr@{k}"] = Math.Round(m.Mrr, 4),
        [$"hit@{k}"] = Math.Round(m.Hit, 4), [$"precision@{k}"] = Math.Round(m.Precision, 4),
    };

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine($"tune: {message}");
        return 2;
    }
}
