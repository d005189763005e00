using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.CommandLine;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains evaluate`: fits each model on the training split only and scores it on validation and test with
/// RecBole's full-ranking protocol, printing a table and writing
/// {"dataset","protocol","models":[{"name","test":{"ndcg@10":…},"valid":{…},"trainSeconds"}]}.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create(CliIo io) => CommandTree.Leaf("evaluate",
        "Fits each model on the training split and scores it on validation and test (RecBole's full ranking); --format mind evaluates the click model on MIND impressions.",
        EvaluateOptions.Declare(), values => values.Text("format") == "mind" ? MindEvaluateCommand.Run(values, io.Output, io.Errors) : Run(values, io));

    /// <summary>Runs `evaluate` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors) => CommandTree.Run(Create(new CliIo(output, errors)), args, new CliIo(output, errors));

    private static int Run(OptionValues values, CliIo io)
    {
        var (output, errors) = (io.Output, io.Errors);
        var (options, error) = EvaluateOptions.Parse(values);
        if (options is null)
        {
            errors.WriteLine($"evaluate: {error}");
            return 2;
        }
        if (!Directory.Exists(options.Data))
        {
            errors.WriteLine($"evaluate: --data {options.Data}: no such folder");
            return 2;
        }
        var dataset = options.Dataset ?? FindDataset(options.Data, options.Split.FileSuffix);
        if (dataset is null)
        {
            errors.WriteLine($"evaluate: no single NAME{options.Split.FileSuffix} in {options.Data}; name the data set with --dataset");
            return 2;
        }

        // One run per seed (one seed unless --seeds N with a random split); each model's metrics are then
        // reported as the mean over runs, with the standard deviation when there is more than one.
        var seeds = Enumerable.Range(options.Seed, options.Seeds).ToList();
        var runs = options.Models.ToDictionary(m => m, _ => new ModelRuns());
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        // Progress: one step per model fitted and scored, over every seed.
        WorkProgress.Run(io, "evaluate", seeds.Count * options.Models.Count, "models", progress =>
        {
            foreach (var seed in seeds)
            {
                var split = options.Split.Load(options.Data, dataset, seed);
                output.WriteLine($"{dataset}{(seeds.Count > 1 ? $" (seed {seed})" : "")}: {split.UserCount} users, {split.ItemCount} items, " +
                                 $"{split.Train.Count} / {split.Valid.Count} / {split.Test.Count} train / valid / test");
                var context = ModelContext.Of(split, SideFile(options.Data, dataset, ".item"), SideFile(options.Data, dataset, ".user"), seed);
                foreach (var name in options.Models)
                {
                    IRecommenderModel model;
                    try { model = ModelRegistry.Create(name, context); }
                    catch (InvalidOperationException missing) // e.g. content without NAME.item: skip it, the others still run
                    {
                        errors.WriteLine($"evaluate: warning: --models {name} skipped: {missing.Message}");
                        skipped.Add(name);
                        progress.Advance();
                        continue;
                    }
                    var clock = Stopwatch.StartNew();
                    model.Fit(split.Train);
                    runs[name].TrainSeconds.Add(clock.Elapsed.TotalSeconds);
                    foreach (var k in options.Ks)
                    {
                        var evaluator = new FullRankingEvaluator(k);
                        runs[name].Add("valid", evaluator.EvaluateValidation(model, split));
                        var testResult = evaluator.EvaluateTest(model, split);
                        runs[name].Add("test", testResult);
                        output.WriteLine($"{name,-8} test {testResult}   (fit {clock.Elapsed.TotalSeconds:F2} s)");
                    }
                    progress.Advance();
                }
            }
            return 0;
        });

        if (skipped.Count == options.Models.Count)
        {
            errors.WriteLine("evaluate: every model was skipped; nothing to report");
            return 2;
        }
        var results = new JsonArray();
        foreach (var name in options.Models.Where(m => !skipped.Contains(m)))
        {
            var model = new JsonObject { ["name"] = name };
            foreach (var part in new[] { "test", "valid" })
            {
                model[part] = runs[name].Mean(part);
                if (seeds.Count > 1) model[part + "Std"] = runs[name].StandardDeviation(part);
            }
            model["trainSeconds"] = Math.Round(runs[name].TrainSeconds.Average(), 3);
            results.Add(model);
            if (seeds.Count > 1) output.WriteLine(MeanLine(name, seeds.Count, model["test"]!.AsObject(), model["testStd"]!.AsObject()));
        }

        var report = new JsonObject
        {
            ["dataset"] = dataset,
            ["protocol"] = new JsonObject
            {
                ["split"] = options.Split.ToString(),
                ["seeds"] = options.Split.Kind == "RS" ? new JsonArray(seeds.Select(x => (JsonNode)x).ToArray()) : null,
                ["ranking"] = "full: every item, minus the user's train items (and valid items for test)",
                ["k"] = new JsonArray(options.Ks.Select(k => (JsonNode)k).ToArray()),
            },
            ["models"] = results,
            ["skipped"] = skipped.Count == 0 ? null : new JsonArray(skipped.Order().Select(m => (JsonNode)m).ToArray()),
        };
        if (options.Out is not null)
        {
            File.WriteAllText(options.Out, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine);
            output.WriteLine($"wrote {options.Out}");
        }
        return 0;
    }

    /// <summary>"ease     test mean ± sd over 5 seeds: recall@10 0.2805 ± 0.0031, …": what --seeds is for, on screen too.</summary>
    private static string MeanLine(string name, int seeds, JsonObject mean, JsonObject std) =>
        $"{name,-8} test mean ± sd over {seeds} seeds: " +
        string.Join(", ", mean.Where(m => !m.Key.StartsWith("coverage") && !m.Key.StartsWith("averagepopularity"))
            .Select(m => $"{m.Key} {(double)m.Value!:F4} ± {(double)std[m.Key]!:F4}"));

    /// <summary>Every metric value of one model across runs, by part ("test", "valid") and metric name ("ndcg@10").</summary>
    private sealed class ModelRuns
    {
        private readonly Dictionary<string, Dictionary<string, List<double>>> values = new();
        public List<double> TrainSeconds { get; } = [];

        public void Add(string part, EvaluationResult result)
        {
            var metrics = values.TryGetValue(part, out var existing) ? existing : values[part] = new Dictionary<string, List<double>>();
            var m = result.Metrics;
            foreach (var (metric, value) in new[] { ("recall", m.Recall), ("mrr", m.Mrr), ("ndcg", m.Ndcg), ("hit", m.Hit), ("precision", m.Precision),
                         ("coverage", result.Coverage), ("averagepopularity", result.AveragePopularity) })
            {
                var key = $"{metric}@{result.K}";
                (metrics.TryGetValue(key, out var list) ? list : metrics[key] = []).Add(value);
            }
        }

        public JsonObject Mean(string part) => Summarise(part, v => v.Average());

        /// <summary>Sample standard deviation (n − 1), as reported for repeated random splits.</summary>
        public JsonObject StandardDeviation(string part) => Summarise(part, v =>
        {
            var mean = v.Average();
            return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1));
        });

        private JsonObject Summarise(string part, Func<List<double>, double> summary)
        {
            var json = new JsonObject();
            foreach (var (key, list) in values[part]) json[key] = Math.Round(summary(list), 4);
            return json;
        }
    }

    /// <summary>The data set's side information file (RecBole's NAME.item or NAME.user), when the folder has one.</summary>
    internal static AtomicFile? SideFile(string folder, string dataset, string suffix)
    {
        var path = Path.Combine(folder, dataset + suffix);
        return File.Exists(path) ? AtomicFile.Read(path) : null;
    }

    /// <summary>The NAME of the single NAME{suffix} in the folder (NAME itself without dots, so "x.train.inter" is not "x.train").</summary>
    internal static string? FindDataset(string folder, string suffix)
    {
        var names = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*" + suffix).Select(f => Path.GetFileName(f)[..^suffix.Length]).Where(n => !n.Contains('.')).ToList()
            : [];
        return names.Count == 1 ? names[0] : null;
    }
}
