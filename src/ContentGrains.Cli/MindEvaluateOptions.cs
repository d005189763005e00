namespace ContentGrains.Cli;

/// <summary>The options of `contentgrains evaluate --format mind`, parsed from `--name value` pairs.</summary>
public sealed record MindEvaluateOptions(string Data, string? Out, int Seed)
{
    /// <summary>Whether the arguments ask for the MIND click-model evaluation (`--format mind`).</summary>
    public static bool IsMind(IReadOnlyList<string> args)
    {
        for (var i = 0; i + 1 < args.Count; i++)
            if (args[i] == "--format" && args[i + 1] == "mind") return true;
        return false;
    }

    public static (MindEvaluateOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                return (null, $"expected `--option value`, got '{args[i]}'");
            values[args[i][2..]] = args[i + 1];
        }
        var known = new[] { "data", "format", "out", "seed" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
            return (null, $"unknown option --{unknown} for --format mind (known: {string.Join(", ", known.Select(k => "--" + k))})");
        if (!values.TryGetValue("data", out var data)) return (null, "--data DIR is required (a folder with behaviors.tsv)");
        if (!int.TryParse(values.GetValueOrDefault("seed", "2020"), out var seed)) return (null, "--seed must be an integer");
        return (new MindEvaluateOptions(data, values.GetValueOrDefault("out"), seed), null);
    }
}
