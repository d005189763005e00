using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Analysis.Ranking;
using System.CommandLine;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;
using ContentGrains.Core.Models.Ranking;

namespace ContentGrains.Cli.Rankers;

/// <summary>
/// `contentgrains rankers --data DIR --out F`: the hybrid's ranker measured against LightGBM's lambdarank on one
/// given split (ml-100k-split). The base scorers are fitted once on train and their ranking rows (train history,
/// validation labels) are shared; each ranker is fitted on them, put in the hybrid's place, and scored on test
/// (NDCG@10 and the rest, full ranking) with its fit time. Exit 0 written, 2 usage or data error.
/// </summary>
public static class RankersCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliIo io) => CommandTree.Leaf("rankers",
        "The hybrid's rankers on one given split: the hand-written LambdaRank/LambdaMART against LightGBM's lambdarank (test NDCG@10 and fit time).",
        [
            CommandTree.Value("data", "DIR", "The RecBole data set's folder with the given split (NAME.train/valid/test.inter). Required."),
            CommandTree.Value("out", "FILE", "Write the JSON report here. Required."),
            CommandTree.Value("dataset", "NAME", "The data set's NAME when the folder holds more than one."),
            CommandTree.Value("seed", "N", "Random seed.", "2020"),
        ],
        values => Run(values, io.Output, io.Errors));

    /// <summary>Runs `rankers` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var io = new CliIo(output, errors);
        return CommandTree.Run(Create(io), args, io);
    }

    private static int Run(OptionValues values, TextWriter output, TextWriter errors)
    {
        if (values.Text("data") is not { } data || values.Text("out") is not { } outPath)
            return Fail(values, errors, "--data and --out are required");
        var (seed, seedError) = values.Integer("seed", 2020, int.MinValue, int.MaxValue);
        var split = SplitSpec.Parse("given").Split!;
        var dataset = values.Text("dataset") ?? EvaluateCommand.FindDataset(data, split.FileSuffix);
        if (seedError is not null || dataset is null)
            return Fail(values, errors, seedError ?? $"no single NAME{split.FileSuffix} in {data}; name the data set with --dataset");
        var given = split.Load(data, dataset, (int)seed);
        var context = ModelContext.Of(given, EvaluateCommand.SideFile(data, dataset, ".item"), EvaluateCommand.SideFile(data, dataset, ".user"), (int)seed);
        File.WriteAllText(outPath, JsonSerializer.Serialize(Compare(given, context, dataset, output), Json));
        output.WriteLine($"rankers: -> {outPath}");
        return 0;
    }

    private static object Compare(GivenSplit split, ModelContext context, string dataset, TextWriter output)
    {
        var options = new HybridOptions();
        var clock = Stopwatch.StartNew();
        var features = HybridModel.FitBaseScorers(split.Train, options, ItemSideInfo.FromItemFile(context.ItemFile, context.Items), context.Seed);
        var rows = HybridModel.RankingRows(features, split.Train, split.Valid);
        var baseSeconds = clock.Elapsed.TotalSeconds;
        var evaluator = new FullRankingEvaluator(10);
        (string Name, Func<IRowRanker> Fit)[] rankers =
        [
            ("hand-written linear LambdaRank (the hybrid's default: no trees)", () => GradientBoostedRanker.Fit(rows, HybridModel.DefaultRanker)),
            ("hand-written LambdaMART: 50 trees of 8 leaves on the linear blend", () => GradientBoostedRanker.Fit(rows, new RankerOptions(Trees: 50, Leaves: 8, LinearIterations: 50, MinRowsInLeaf: 400))),
            ("hand-written LambdaMART: 150 trees of 16 leaves from zero", () => GradientBoostedRanker.Fit(rows, new RankerOptions(LinearIterations: 0))),
            ("LightGBM lambdarank: 150 trees of 16 leaves", () => LightGbmRowRanker.Fit(rows, new LightGbmRankerOptions())),
            ("LightGBM lambdarank: 50 trees of 8 leaves", () => LightGbmRowRanker.Fit(rows, new LightGbmRankerOptions(Trees: 50, Leaves: 8, MinRowsInLeaf: 400))),
        ];
        var results = rankers.Select(r => Measure(r.Name, r.Fit, split, features, options, evaluator, output)).ToList();
        return new { dataset, rankingRows = rows.RowCount, features = rows.FeatureCount, users = rows.GroupCount, baseScorersSeconds = baseSeconds, rankers = results };
    }

    private static object Measure(string name, Func<IRowRanker> fit, GivenSplit split, CandidateFeatures features, HybridOptions options,
        FullRankingEvaluator evaluator, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var ranker = fit();
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var test = evaluator.EvaluateTest(HybridModel.FromParts(options, features, ranker, split.Train), split).Metrics;
        (ranker as IDisposable)?.Dispose();
        output.WriteLine($"rankers: {name}: NDCG@10 {test.Ndcg:F4}, fit {fitSeconds:F1} s");
        return new { name, fitSeconds, ndcg10 = test.Ndcg, recall10 = test.Recall, mrr10 = test.Mrr, hit10 = test.Hit, precision10 = test.Precision };
    }

    private static int Fail(OptionValues values, TextWriter errors, string message)
    {
        errors.WriteLine($"rankers: {message}");
        values.WriteUsage(errors);
        return 2;
    }
}
