namespace ContentGrains.Cli;

/// <summary>The options of `contentgrains evaluate`, parsed from `--name value` pairs.</summary>
public sealed record EvaluateOptions(string Data, string? Dataset, SplitSpec Split, int Seed, int Seeds, IReadOnlyList<string> Models, IReadOnlyList<int> Ks, string? Out)
{
    public static (EvaluateOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                return (null, $"expected `--option value`, got '{args[i]}'");
            values[args[i][2..]] = args[i + 1];
        }
        var known = new[] { "data", "dataset", "format", "split", "seed", "seeds", "models", "k", "out" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown) return (null, $"unknown option --{unknown}");
        if (!values.TryGetValue("data", out var data)) return (null, "--data DIR is required");
        if (values.GetValueOrDefault("format", "recbole") != "recbole") return (null, "--format: 'recbole' or 'mind'");
        var (split, splitError) = SplitSpec.Parse(values.GetValueOrDefault("split", "given"));
        if (split is null) return (null, $"--split: {splitError}");
        if (!int.TryParse(values.GetValueOrDefault("seed", "2020"), out var seed)) return (null, "--seed must be an integer");
        if (!int.TryParse(values.GetValueOrDefault("seeds", "1"), out var seeds) || seeds < 1) return (null, "--seeds must be a positive integer");
        if (seeds > 1 && split.Kind != "RS") return (null, "--seeds needs a random split (RS:…); the other splits are the same for every seed");

        var ks = new List<int>();
        foreach (var part in values.GetValueOrDefault("k", "10").Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, out var k) || k < 1 || k > Core.Evaluation.FullRankingEvaluator.MaxK)
                return (null, $"--k: '{part}' is not a cut-off between 1 and {Core.Evaluation.FullRankingEvaluator.MaxK}");
            ks.Add(k);
        }
        var models = values.GetValueOrDefault("models", "pop,ease").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (models.FirstOrDefault(m => !ModelRegistry.Names.Contains(m)) is { } badModel)
            return (null, $"--models: unknown model '{badModel}'; known: {string.Join(", ", ModelRegistry.Names)}");
        return (new EvaluateOptions(data, values.GetValueOrDefault("dataset"), split, seed, seeds, models, ks, values.GetValueOrDefault("out")), null);
    }
}
