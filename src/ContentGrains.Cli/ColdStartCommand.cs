using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains cold-start`: holds a seeded share of the items out of training entirely (<see cref="ColdItemSplit"/>),
/// fits each model on the rest, and reports Recall and NDCG on the held-out items' test interactions, ranked among the
/// held-out items and among all items. Models that cannot score an item without interactions (popularity) show what
/// ignoring metadata costs; "random" is the floor.
/// </summary>
public static class ColdStartCommand
{
    public const string RandomBaseline = "random";

    public static Command Create(CliIo io) => CommandTree.Leaf("cold-start",
        "Holds a seeded share of the items out of training and scores each model on them (Recall and NDCG among the held-out items and among all items).",
        [
            CommandTree.Value("data", "DIR", "The RecBole data set's folder (NAME.train/valid/test.inter, NAME.item). Required."),
            CommandTree.Value("dataset", "NAME", "The data set's NAME when the folder holds more than one."),
            CommandTree.Value("fraction", "F", "Share of the items held out, strictly between 0 and 1.", "0.1"),
            CommandTree.Value("seed", "N", "Random seed (which items are held out, models).", "2020"),
            CommandTree.Value("k", "K", $"Ranking cut-off, 1 to {FullRankingEvaluator.MaxK}.", "20"),
            CommandTree.Value("models", "M,M", $"Models to compare (see `contentgrains models`, plus '{RandomBaseline}').", "embedding,content,pop,random"),
            CommandTree.Value("out", "FILE", "Write the JSON report here."),
        ],
        values => Run(values, io.Output, io.Errors));

    /// <summary>Runs `cold-start` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors) => CommandTree.Run(Create(new CliIo(output, errors)), args, new CliIo(output, errors));

    private static int Run(OptionValues values, TextWriter output, TextWriter errors)
    {
        var (options, error) = Parse(values);
        if (options is null)
        {
            errors.WriteLine($"cold-start: {error}");
            return 2;
        }
        var dataset = options.Dataset ?? EvaluateCommand.FindDataset(options.Data, ".train.inter");
        if (dataset is null)
        {
            errors.WriteLine($"cold-start: no single NAME.train.inter in {options.Data}; name the data set with --dataset");
            return 2;
        }
        var split = GivenSplit.Load(options.Data, dataset);
        var cold = ColdItemSplit.Create(split, options.Fraction, options.Seed);
        output.WriteLine($"{dataset}: {cold.ColdItemCount} of {split.ItemCount} items held out of training; " +
                         $"{cold.ColdTest.Count} test interactions with them from {Enumerable.Range(0, split.UserCount).Count(u => cold.ColdTest.CountOf(u) > 0)} users");
        var context = new ModelContext(split.Users, split.Items, cold.Valid,
            EvaluateCommand.SideFile(options.Data, dataset, ".item"), EvaluateCommand.SideFile(options.Data, dataset, ".user"), options.Seed);

        var results = new JsonArray();
        foreach (var name in options.Models)
        {
            var clock = Stopwatch.StartNew();
            UserScorer scorer;
            try { scorer = Fit(name, context, cold, options.Seed); }
            catch (InvalidOperationException missing) // e.g. content without NAME.item
            {
                errors.WriteLine($"cold-start: --models {name}: {missing.Message}");
                return 2;
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var (amongCold, amongAll) = cold.Evaluate(scorer, options.K);
            output.WriteLine($"{name,-10} among cold {amongCold}\n{"",-10} among all  {amongAll}   (fit {seconds:F2} s)");
            results.Add(new JsonObject
            {
                ["name"] = name,
                ["amongCold"] = Metrics(amongCold),
                ["amongAll"] = Metrics(amongAll),
                ["trainSeconds"] = Math.Round(seconds, 3),
            });
        }

        var report = new JsonObject
        {
            ["dataset"] = dataset,
            ["protocol"] = new JsonObject
            {
                ["split"] = "given, minus the cold items' train and valid interactions",
                ["coldFraction"] = options.Fraction,
                ["seed"] = options.Seed,
                ["coldItems"] = cold.ColdItemCount,
                ["coldTestInteractions"] = cold.ColdTest.Count,
                ["ranking"] = "amongCold: the held-out items only; amongAll: every item; the user's original train and valid items excluded",
                ["k"] = options.K,
            },
            ["models"] = results,
        };
        if (options.Out is not null)
        {
            File.WriteAllText(options.Out, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
            output.WriteLine($"wrote {options.Out}");
        }
        return 0;
    }

    private static UserScorer Fit(string name, ModelContext context, ColdItemSplit cold, int seed)
    {
        if (name == RandomBaseline)
        {
            return (user, scores) =>
            {
                var random = new Random(unchecked(seed * 1_000_003 + user)); // not HashCode: it differs between processes
                for (var item = 0; item < scores.Length; item++)
                    scores[item] = random.NextSingle();
            };
        }
        var model = ModelRegistry.Create(name, context);
        model.Fit(cold.Train);
        return model.Score;
    }

    private static JsonObject Metrics(EvaluationResult result) => new()
    {
        [$"recall@{result.K}"] = Math.Round(result.Metrics.Recall, 4),
        [$"ndcg@{result.K}"] = Math.Round(result.Metrics.Ndcg, 4),
        [$"hit@{result.K}"] = Math.Round(result.Metrics.Hit, 4),
        ["users"] = result.Users,
    };

    private sealed record Options(string Data, string? Dataset, double Fraction, int Seed, int K, IReadOnlyList<string> Models, string? Out);

    private static (Options? Options, string? Error) Parse(OptionValues values)
    {
        if (values.Text("data") is not { } data) return (null, "--data DIR is required");
        if (!double.TryParse(values.Text("fraction", "0.1"), NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) || fraction is <= 0 or >= 1)
            return (null, "--fraction must be a number strictly between 0 and 1");
        if (!int.TryParse(values.Text("seed", "2020"), out var seed)) return (null, "--seed must be an integer");
        if (!int.TryParse(values.Text("k", "20"), out var k) || k < 1 || k > FullRankingEvaluator.MaxK)
            return (null, $"--k must be a cut-off between 1 and {FullRankingEvaluator.MaxK}");
        var models = values.Text("models", "embedding,content,pop,random").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (models.FirstOrDefault(m => m != RandomBaseline && !ModelRegistry.Names.Contains(m)) is { } badModel)
            return (null, $"--models: unknown model '{badModel}'; known: {string.Join(", ", ModelRegistry.Names.Append(RandomBaseline))}");
        return (new Options(data, values.Text("dataset"), fraction, seed, k, models, values.Text("out")), null);
    }
}
