using System.CommandLine;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli;

/// <summary>The options of `contentgrains evaluate` (RecBole data), declared once for the parser and checked here.</summary>
public sealed record EvaluateOptions(string Data, string? Dataset, SplitSpec Split, int Seed, int Seeds, IReadOnlyList<string> Models, IReadOnlyList<int> Ks, string? Out)
{
    /// <summary>The options `evaluate --format mind` knows too; every other one is RecBole's only.</summary>
    public static readonly string[] MindOptions = ["data", "format", "out", "seed", "trees", "validation-only"];

    public static Option[] Declare() =>
    [
        CommandTree.Value("data", "DIR", "The data set's folder: RecBole atomic files (NAME.train/valid/test.inter or NAME.inter), or MIND's behaviors.tsv with --format mind. Required."),
        CommandTree.Value("dataset", "NAME", "The data set's NAME when the folder holds more than one."),
        CommandTree.Value("format", "recbole|mind", "recbole: full-ranking evaluation of --models; mind: the click model on MIND impressions (test = the last day).", "recbole"),
        CommandTree.Value("split", "given|RS:0.8,0.1,0.1|TO:0.8,0.1,0.1", "given: NAME.train/valid/test.inter; RS: per-user random; TO: per-user temporal order (from NAME.inter).", "given"),
        CommandTree.Value("seed", "N", "Random seed (splits, models).", "2020"),
        CommandTree.Value("seeds", "N", "Repeat a random split over N seeds (seed, seed+1, …) and report mean ± sd.", "1"),
        CommandTree.Value("models", "M,M", "Models to fit and score (see `contentgrains models`).", "pop,ease"),
        CommandTree.Value("k", "K,K", $"Ranking cut-offs, each between 1 and {Core.Evaluation.FullRankingEvaluator.MaxK}.", "10"),
        CommandTree.Value("out", "FILE", "Write the JSON report here."),
        CommandTree.Value("trees", "none|blend", "--format mind: the MLP alone (none), or also choose LightGBM trees and their blend with it on the validation day (blend; measured no better on the test day).", "none"),
        CommandTree.Flag("validation-only", "--format mind: stop after the choices on the validation day; the test day is not scored."),
    ];

    public static (EvaluateOptions? Options, string? Error) Parse(OptionValues values)
    {
        if (values.Text("data") is not { } data) return (null, "--data DIR is required");
        if (values.Text("format", "recbole") != "recbole") return (null, "--format: 'recbole' or 'mind'");
        var (split, splitError) = SplitSpec.Parse(values.Text("split", "given"));
        if (split is null) return (null, $"--split: {splitError}");
        var (seed, seedError) = values.Integer("seed", 2020, int.MinValue, int.MaxValue);
        if (seedError is not null) return (null, seedError);
        var (seeds, seedsError) = values.Integer("seeds", 1, 1, 1_000);
        if (seedsError is not null) return (null, seedsError);
        if (seeds > 1 && split.Kind != "RS") return (null, "--seeds needs a random split (RS:…); the other splits are the same for every seed");

        var ks = new List<int>();
        foreach (var part in values.Text("k", "10").Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, out var k) || k < 1 || k > Core.Evaluation.FullRankingEvaluator.MaxK)
                return (null, $"--k: '{part}' is not a cut-off between 1 and {Core.Evaluation.FullRankingEvaluator.MaxK}");
            ks.Add(k);
        }
        var models = values.Text("models", "pop,ease").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (models.FirstOrDefault(m => !ModelRegistry.Names.Contains(m)) is { } badModel)
            return (null, $"--models: unknown model '{badModel}'; known: {string.Join(", ", ModelRegistry.Names)}");
        return (new EvaluateOptions(data, values.Text("dataset"), split, (int)seed, (int)seeds, models, ks, values.Text("out")), null);
    }
}
