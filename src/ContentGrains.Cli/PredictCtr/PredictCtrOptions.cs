using ContentGrains.Cli.Simulation;

namespace ContentGrains.Cli.PredictCtr;

/// <summary>The `predict-ctr` command's options, checked: each bad value names its option and the reason.</summary>
public sealed record PredictCtrOptions(string Data, string Out, int TestDays, bool UseText, string? VectorsCache, int Iterations, int Seed)
{
    public const string Usage = "usage: predict-ctr --data DIR --format mind --out F [--test-days 1] [--vectors-cache FILE] [--no-text] [--iterations 200] [--seed 42]\n" +
                                "       (DIR holds MIND's news.tsv and behaviors.tsv; articles first shown on the last --test-days days are the test)";

    public static PredictCtrOptions Parse(IReadOnlyList<string> args)
    {
        var (values, error) = OptionValues.Parse(args, ["data", "format", "out", "test-days", "vectors-cache", "iterations", "seed"], ["no-text"]);
        if (values is null) throw new ArgumentException(error);
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
