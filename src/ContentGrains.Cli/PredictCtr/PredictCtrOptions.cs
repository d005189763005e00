using System.CommandLine;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli.PredictCtr;

/// <summary>The `predict-ctr` command's options, checked: each bad value names its option and the reason.</summary>
public sealed record PredictCtrOptions(string Data, string Out, int TestDays, bool UseText, string? VectorsCache, int Iterations, int Seed)
{
    /// <summary>The command's options, declared once (help text and defaults).</summary>
    public static IEnumerable<Option> Declared() =>
    [
        CommandTree.Value("data", "DIR", "A folder with MIND's news.tsv and behaviors.tsv. Required."),
        CommandTree.Value("format", "mind", "The data's format; only mind. Required."),
        CommandTree.Value("out", "FILE", "Write the JSON report here. Required."),
        CommandTree.Value("test-days", "N", "Articles first shown on the last N days are the test, 1 to 30.", "1"),
        CommandTree.Value("vectors-cache", "FILE", "Keep the MiniLM text vectors in this file (as `topics` does) to save re-encoding."),
        CommandTree.Flag("no-text", "Leave out the MiniLM text vector (the model without it is fitted either way)."),
        CommandTree.Value("iterations", "N", "LightGBM's boosting rounds (trees), 1 to 10,000.", "200"),
        CommandTree.Value("seed", "N", "Random seed.", "42"),
    ];

    /// <summary>Checks the given options: each bad value throws an ArgumentException naming its option and the reason.</summary>
    public static PredictCtrOptions From(OptionValues values)
    {
        var data = values.Text("data") ?? throw new ArgumentException("--data is required (a folder with news.tsv and behaviors.tsv)");
        var output = values.Text("out") ?? throw new ArgumentException("--out is required (the JSON report's path)");
        if (values.Text("format") != "mind") throw new ArgumentException("--format must be mind (MIND's news.tsv and behaviors.tsv)");
        if (!Directory.Exists(data)) throw new ArgumentException($"--data: folder '{data}' does not exist");
        var (testDays, daysError) = values.Integer("test-days", 1, 1, 30);
        var (iterations, iterationsError) = values.Integer("iterations", 200, 1, 10_000);
        var (seed, seedError) = values.Integer("seed", 42, int.MinValue, int.MaxValue);
        if ((daysError ?? iterationsError ?? seedError) is { } bad) throw new ArgumentException(bad);
        return new PredictCtrOptions(data, output, (int)testDays, !values.Flag("no-text"), values.Text("vectors-cache"), (int)iterations, (int)seed);
    }
}
