using System.Text.Json.Nodes;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private const string Header = "user_id:token\titem_id:token\trating:float\ttimestamp:float";

    /// <summary>
    /// Three users, four items. Train popularity: a 3, b 2, c 1, d 0. Each user's held-out items are chosen so the
    /// popularity ranking can be scored by hand.
    /// </summary>
    private void WriteTinySplit()
    {
        File.WriteAllLines(Path.Combine(folder.Path, "tiny.train.inter"), [Header, "u1\ta\t5\t1", "u2\ta\t5\t1", "u3\ta\t5\t1", "u2\tb\t5\t1", "u3\tb\t5\t1", "u3\tc\t5\t1"]);
        File.WriteAllLines(Path.Combine(folder.Path, "tiny.valid.inter"), [Header, "u1\tb\t5\t2"]);
        File.WriteAllLines(Path.Combine(folder.Path, "tiny.test.inter"), [Header, "u1\tc\t5\t3", "u2\td\t5\t3"]);
    }

    [Fact]
    public void Evaluates_on_the_given_split_and_writes_the_json_report()
    {
        WriteTinySplit();
        var outFile = Path.Combine(folder.Path, "results.json");
        var output = new StringWriter();

        var exit = EvaluateCommand.Run(["--data", folder.Path, "--models", "pop", "--k", "1,2", "--out", outFile], output, new StringWriter());

        Assert.Equal(0, exit);
        var report = JsonNode.Parse(File.ReadAllText(outFile))!;
        Assert.Equal("tiny", (string)report["dataset"]!);
        var test = report["models"]![0]!["test"]!;
        // u1 (train a, valid b excluded) ranks c, d: c is its test item at rank 1 → hit 1, recall 1, ndcg 1.
        // u2 (train a, b) ranks c, d: d is its test item at rank 2 → @1 nothing; @2 hit, mrr 1/2, ndcg 1/log2(3).
        // u3 has no test item and does not count. Averages over u1 and u2:
        Assert.Equal(0.5, (double)test["hit@1"]!);
        Assert.Equal(1.0, (double)test["hit@2"]!);
        Assert.Equal(0.75, (double)test["mrr@2"]!);
        Assert.Equal(Math.Round((1 + 1 / Math.Log2(3)) / 2, 4), (double)test["ndcg@2"]!);
        Assert.Equal(0.5, (double)test["precision@2"]!);
        // Top 2 of u1 and u2 is [c, d] each: 2 of the 4 items are ever recommended; their train counts are 1 and 0.
        Assert.Equal(0.5, (double)test["coverage@2"]!);
        Assert.Equal(0.5, (double)test["averagepopularity@2"]!);
        Assert.Contains("tiny: 3 users, 4 items, 6 / 1 / 2", output.ToString());
    }

    [Fact]
    public void Evaluates_the_torchsharp_bpr_model()
    {
        WriteTinySplit();
        var outFile = Path.Combine(folder.Path, "results.json");

        var exit = EvaluateCommand.Run(["--data", folder.Path, "--models", "bpr", "--k", "2", "--out", outFile], new StringWriter(), new StringWriter());

        Assert.Equal(0, exit);
        var model = JsonNode.Parse(File.ReadAllText(outFile))!["models"]![0]!;
        Assert.Equal("bpr", (string)model["name"]!);
        Assert.NotNull(model["test"]!["ndcg@2"]);
    }

    [Theory]
    [InlineData(new[] { "--models", "pop" }, "--data DIR is required")]
    [InlineData(new[] { "--data", "x", "--models", "magic" }, "unknown model 'magic'")]
    [InlineData(new[] { "--data", "x", "--k", "0" }, "'0' is not a cut-off")]
    [InlineData(new[] { "--data", "x", "--split", "RX:0.8,0.1,0.1" }, "is not 'given', 'RS:train,valid,test'")]
    [InlineData(new[] { "--data", "x", "--split", "RS:0.8,0.1" }, "is not three non-negative ratios")]
    [InlineData(new[] { "--data", "x", "--colour", "red" }, "unknown option --colour")]
    [InlineData(new[] { "--data", "x", "--seeds", "3" }, "--seeds needs a random split")]
    public void Bad_options_exit_2_with_a_reason(string[] args, string reason)
    {
        var errors = new StringWriter();
        Assert.Equal(2, EvaluateCommand.Run(args, new StringWriter(), errors));
        Assert.Contains(reason, errors.ToString());
    }

    [Fact]
    public void A_folder_without_a_split_names_the_problem()
    {
        var errors = new StringWriter();
        Assert.Equal(2, EvaluateCommand.Run(["--data", folder.Path], new StringWriter(), errors));
        Assert.Contains("no single NAME.train.inter", errors.ToString());
    }

    [Fact]
    public void A_random_split_of_one_interaction_file_is_evaluated_with_its_seed_recorded()
    {
        var rows = new List<string> { Header };
        for (var u = 0; u < 20; u++)
            for (var i = 0; i < 10; i++)
                rows.Add($"u{u}\ti{(u + i) % 15}\t5\t{i}");
        File.WriteAllLines(Path.Combine(folder.Path, "gen.inter"), rows);
        var outFile = Path.Combine(folder.Path, "rs.json");

        string[] args = ["--data", folder.Path, "--split", "RS:0.8,0.1,0.1", "--seed", "7", "--models", "pop,itemknn,ease", "--out", outFile];
        var output = new StringWriter();

        Assert.Equal(0, EvaluateCommand.Run(args, output, new StringWriter()));
        var first = JsonNode.Parse(File.ReadAllText(outFile))!;
        Assert.Equal(0, EvaluateCommand.Run(args, new StringWriter(), new StringWriter()));
        var second = JsonNode.Parse(File.ReadAllText(outFile))!;

        // 10 interactions per user split 8 / 1 / 1, as RecBole's ratio rule gives.
        Assert.Contains("gen: 20 users, 15 items, 160 / 20 / 20", output.ToString());
        Assert.Equal(("RS:0.8,0.1,0.1", 7), ((string)first["protocol"]!["split"]!, (int)first["protocol"]!["seeds"]![0]!));
        Assert.Equal(["pop", "itemknn", "ease"], first["models"]!.AsArray().Select(m => (string)m!["name"]!));
        // The same seed gives the same split, hence the same figures.
        Assert.Equal(first["models"]!.AsArray().Select(m => m!["test"]!.ToJsonString()), second["models"]!.AsArray().Select(m => m!["test"]!.ToJsonString()));
    }

    [Fact]
    public void Several_seeds_report_the_mean_and_the_standard_deviation_of_each_metric()
    {
        var rows = new List<string> { Header };
        for (var u = 0; u < 30; u++)
            for (var i = 0; i < 10; i++)
                rows.Add($"u{u}\ti{(u * 3 + i * i) % 25}\t5\t{i}");
        File.WriteAllLines(Path.Combine(folder.Path, "gen.inter"), rows);
        var perSeed = new List<double>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var single = Path.Combine(folder.Path, $"seed{seed}.json");
            Assert.Equal(0, EvaluateCommand.Run(["--data", folder.Path, "--split", "RS:0.8,0.1,0.1", "--seed", $"{seed}", "--models", "pop", "--out", single], new StringWriter(), new StringWriter()));
            perSeed.Add((double)JsonNode.Parse(File.ReadAllText(single))!["models"]![0]!["test"]!["ndcg@10"]!);
        }
        var outFile = Path.Combine(folder.Path, "seeds.json");

        var printed = new StringWriter();
        Assert.Equal(0, EvaluateCommand.Run(["--data", folder.Path, "--split", "RS:0.8,0.1,0.1", "--seed", "1", "--seeds", "3", "--models", "pop", "--out", outFile],
            printed, new StringWriter()));

        var report = JsonNode.Parse(File.ReadAllText(outFile))!;
        Assert.Equal([1, 2, 3], report["protocol"]!["seeds"]!.AsArray().Select(s => (int)s!));
        var mean = perSeed.Average();
        var std = Math.Sqrt(perSeed.Sum(x => (x - mean) * (x - mean)) / 2);
        var pop = report["models"]![0]!;
        // The single runs were rounded to 4 decimals before averaging here; the report averages unrounded values.
        Assert.InRange((double)pop["test"]!["ndcg@10"]!, mean - 1e-4, mean + 1e-4);
        Assert.InRange((double)pop["testStd"]!["ndcg@10"]!, std - 1e-4, std + 1e-4);
        Assert.True(std > 0, "three different random splits should not score the same");
        Assert.NotNull(pop["validStd"]);
        Assert.Contains($"pop      test mean ± sd over 3 seeds: recall@10 {(double)pop["test"]!["recall@10"]!:F4} ± {(double)pop["testStd"]!["recall@10"]!:F4}",
            printed.ToString());
    }

    [Fact]
    public void A_missing_data_folder_is_named()
    {
        var errors = new StringWriter();
        var missing = Path.Combine(folder.Path, "no-such-folder");

        Assert.Equal(2, EvaluateCommand.Run(["--data", missing, "--models", "pop"], new StringWriter(), errors));
        Assert.Equal($"evaluate: --data {missing}: no such folder", errors.ToString().Trim());
    }

    [Fact]
    public void A_model_lacking_its_side_file_is_skipped_with_a_warning_and_the_others_run()
    {
        WriteTinySplit(); // no tiny.item: the content model cannot be built
        var outFile = Path.Combine(folder.Path, "skip.json");
        var errors = new StringWriter();

        Assert.Equal(0, EvaluateCommand.Run(["--data", folder.Path, "--models", "content,pop", "--out", outFile], new StringWriter(), errors));

        Assert.Contains("evaluate: warning: --models content skipped:", errors.ToString());
        var report = JsonNode.Parse(File.ReadAllText(outFile))!;
        Assert.Equal(["pop"], report["models"]!.AsArray().Select(m => (string)m!["name"]!));
        Assert.Equal(["content"], report["skipped"]!.AsArray().Select(m => (string)m!));
    }
}
