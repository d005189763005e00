using System.Text.Json.Nodes;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests;

public sealed class TuneAndQualityTableTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private const string Header = "user_id:token\titem_id:token\trating:float\ttimestamp:float";

    /// <summary>Six users over five items in two tastes (a, b, c and d, e), one validation and one test item each.</summary>
    private void WriteSplit()
    {
        string[] train = ["u1\ta", "u1\tb", "u2\ta", "u2\tc", "u3\tb", "u3\tc", "u4\td", "u5\te", "u6\td", "u6\te", "u1\td"];
        string[] valid = ["u1\tc", "u2\tb", "u3\ta", "u4\te", "u5\td"];
        string[] test = ["u2\td", "u4\ta"];
        File.WriteAllLines(Path.Combine(folder.Path, "t.train.inter"), [Header, .. train.Select(row => row + "\t5\t1")]);
        File.WriteAllLines(Path.Combine(folder.Path, "t.valid.inter"), [Header, .. valid.Select(row => row + "\t5\t2")]);
        File.WriteAllLines(Path.Combine(folder.Path, "t.test.inter"), [Header, .. test.Select(row => row + "\t5\t3")]);
    }

    [Fact]
    public void Tune_tries_every_grid_point_and_chooses_the_best_validation_score()
    {
        WriteSplit();
        var outFile = Path.Combine(folder.Path, "tune.json");
        var output = new StringWriter();

        var exit = TuneCommand.Run(["--data", folder.Path, "--model", "itemknn", "--metric", "mrr@2", "--out", outFile], output, new StringWriter());

        Assert.Equal(0, exit);
        var report = JsonNode.Parse(File.ReadAllText(outFile))!;
        var trials = report["trials"]!.AsArray();
        Assert.Equal(8, trials.Count);
        // The first trial with the highest validation MRR@2 wins (ties keep the earlier one); test plays no part.
        var best = trials.MaxBy(t => (double)t!["valid"]!["mrr@2"]! - trials.IndexOf(t) * 1e-9)!;
        Assert.Equal((string)best["params"]!, (string)report["best"]!);
        Assert.Contains($"best: {(string)report["best"]!}", output.ToString());
    }

    [Theory]
    [InlineData(new[] { "--data", "x", "--metric", "auc@10" }, "--metric: 'auc@10'")]
    [InlineData(new[] { "--model", "ease" }, "--data DIR is required")]
    [InlineData(new[] { "--data", "x", "--grid", "big" }, "unknown option --grid")]
    public void Tune_rejects_bad_options(string[] args, string reason)
    {
        var errors = new StringWriter();

        Assert.Equal(2, TuneCommand.Run(args, new StringWriter(), errors));
        Assert.Contains(reason, errors.ToString());
    }

    private static readonly string Report = """
        {"dataset":"ml-100k","protocol":{"split":"RS:0.8,0.1,0.1","seeds":[1,2]},
         "models":[{"name":"ease","test":{"ndcg@10":0.33,"recall@10":0.28,"mrr@10":0.53,"ndcg@20":0.35,"recall@20":0.4},
                    "testStd":{"ndcg@10":0.0068,"recall@10":0.0055,"mrr@10":0.0094,"ndcg@20":0.0049,"recall@20":0.0036},
                    "trainSeconds":1.94}]}
        """;

    [Fact]
    public void Quality_table_shows_means_with_deviations_and_fills_the_readme_block()
    {
        var reportFile = Path.Combine(folder.Path, "r.json");
        File.WriteAllText(reportFile, Report);
        var readme = Path.Combine(folder.Path, "README.md");
        File.WriteAllText(readme, $"intro\n{QualityTableCommand.Begin}\nold table\n{QualityTableCommand.End}\noutro\n");
        var output = new StringWriter();

        var exit = QualityTableCommand.Run(["--in", reportFile, "--readme", readme], output, new StringWriter());

        Assert.Equal(0, exit);
        const string row = "| ease | 0.3300 ± 0.0068 | 0.2800 ± 0.0055 | 0.5300 ± 0.0094 | 0.3500 ± 0.0049 | 0.4000 ± 0.0036 | 1.9 |";
        Assert.Contains(row, output.ToString());
        Assert.Contains("mean ± sd over 2 seeds", output.ToString());
        var text = File.ReadAllText(readme);
        Assert.StartsWith($"intro\n{QualityTableCommand.Begin}", text);
        Assert.EndsWith($"{QualityTableCommand.End}\noutro\n", text);
        Assert.Contains(row, text);
        Assert.DoesNotContain("old table", text);
    }
}
