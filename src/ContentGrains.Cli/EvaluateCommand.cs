using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentGrains.Core.Evaluation;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains evaluate`: fits each model on the training split only and scores it on validation and test with
/// RecBole's full-ranking protocol, printing a table and writing
/// {"dataset","protocol","models":[{"name","test":{"ndcg@10":…},"valid":{…},"trainSeconds"}]}.
/// </summary>
public static class EvaluateCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var (options, error) = EvaluateOptions.Parse(args);
        if (options is null)
        {
            errors.WriteLine($"evaluate: {error}");
            return 2;
        }
        var dataset = options.Dataset ?? FindDataset(options.Data, options.Split.FileSuffix);
        if (dataset is null)
        {
            errors.WriteLine($"evaluate: no single NAME{options.Split.FileSuffix} in {options.Data}; name the data set with --dataset");
            return 2;
        }

        var split = options.Split.Load(options.Data, dataset, options.Seed);
        output.WriteLine($"{dataset}: {split.UserCount} users, {split.ItemCount} items, " +
                         $"{split.Train.Count} / {split.Valid.Count} / {split.Test.Count} train / valid / test");

        var results = new JsonArray();
        foreach (var name in options.Models)
        {
            var model = ModelRegistry.Create(name);
            var clock = Stopwatch.StartNew();
            model.Fit(split.Train);
            var trainSeconds = clock.Elapsed.TotalSeconds;
            var valid = new JsonObject();
            var test = new JsonObject();
            foreach (var k in options.Ks)
            {
                var evaluator = new FullRankingEvaluator(k);
                AddMetrics(valid, evaluator.EvaluateValidation(model, split));
                var testResult = evaluator.EvaluateTest(model, split);
                AddMetrics(test, testResult);
                output.WriteLine($"{name,-8} test {testResult}   (fit {trainSeconds:F2} s)");
            }
            results.Add(new JsonObject { ["name"] = name, ["test"] = test, ["valid"] = valid, ["trainSeconds"] = Math.Round(trainSeconds, 3) });
        }

        var report = new JsonObject
        {
            ["dataset"] = dataset,
            ["protocol"] = new JsonObject
            {
                ["split"] = options.Split.ToString(),
                ["seed"] = options.Split.Kind == "RS" ? options.Seed : null,
                ["ranking"] = "full: every item, minus the user's train items (and valid items for test)",
                ["k"] = new JsonArray(options.Ks.Select(k => (JsonNode)k).ToArray()),
            },
            ["models"] = results,
        };
        if (options.Out is not null)
        {
            File.WriteAllText(options.Out, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine);
            output.WriteLine($"wrote {options.Out}");
        }
        return 0;
    }

    private static void AddMetrics(JsonObject into, EvaluationResult result)
    {
        var m = result.Metrics;
        foreach (var (metric, value) in new[] { ("recall", m.Recall), ("mrr", m.Mrr), ("ndcg", m.Ndcg), ("hit", m.Hit), ("precision", m.Precision),
                     ("coverage", result.Coverage), ("averagepopularity", result.AveragePopularity) })
            into[$"{metric}@{result.K}"] = Math.Round(value, 4);
    }

    /// <summary>The NAME of the single NAME{suffix} in the folder (NAME itself without dots, so "x.train.inter" is not "x.train").</summary>
    private static string? FindDataset(string folder, string suffix)
    {
        var names = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*" + suffix).Select(f => Path.GetFileName(f)[..^suffix.Length]).Where(n => !n.Contains('.')).ToList()
            : [];
        return names.Count == 1 ? names[0] : null;
    }
}
