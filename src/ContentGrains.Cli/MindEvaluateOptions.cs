using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli;

/// <summary>The options of `contentgrains evaluate --format mind` (declared with evaluate's, <see cref="EvaluateOptions.Declare"/>).</summary>
public sealed record MindEvaluateOptions(string Data, string? Out, int Seed, bool Trees = false, bool ValidationOnly = false)
{
    public static (MindEvaluateOptions? Options, string? Error) Parse(OptionValues values)
    {
        if (values.Given.FirstOrDefault(name => !EvaluateOptions.MindOptions.Contains(name)) is { } unknown)
            return (null, $"unknown option --{unknown} for --format mind (known: {string.Join(", ", EvaluateOptions.MindOptions.Select(k => "--" + k))})");
        if (values.Text("data") is not { } data) return (null, "--data DIR is required (a folder with behaviors.tsv)");
        var (seed, seedError) = values.Integer("seed", 2020, int.MinValue, int.MaxValue);
        if (seedError is not null) return (null, seedError);
        var trees = values.Text("trees", "none");
        if (trees is not ("blend" or "none")) return (null, $"--trees: 'blend' or 'none', not '{trees}'");
        return (new MindEvaluateOptions(data, values.Text("out"), (int)seed, trees == "blend", values.Flag("validation-only")), null);
    }
}
