using System.Text.Json.Nodes;
using ContentGrains.Cli.PredictCtr;
using ContentGrains.Core.Text;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.PredictCtr;

/// <summary>
/// `contentgrains predict-ctr` on MIND's real impressions, with a two-number stand-in for MiniLM (bench/ctr-prior.sh
/// runs MiniLM): the report's split, its baselines and models, and bad options named.
/// </summary>
public sealed class PredictCtrCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    [Fact]
    public void Reports_each_predictor_on_the_last_days_articles_with_the_importances()
    {
        var data = RepositoryPaths.RequireSharedData("mind-news-sample", "behaviors.tsv");
        var output = Path.Combine(folder.Path, "ctr.json");
        var errors = new StringWriter();

        var exit = PredictCtrCommand.Run(["--data", data, "--format", "mind", "--out", output], new StringWriter(), errors, new LengthEncoder());

        Assert.True(exit == 0, errors.ToString());
        var report = JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Equal(1292, (int)report["test"]!["articles"]!);
        Assert.Equal(41, (int)report["test"]!["withText"]!);
        var all = report["allTestArticles"]!;
        Assert.Equal(["globalMean", "categorySoFar", "lightgbm", "lightgbmWithText"], all.AsObject().Select(p => p.Key));
        Assert.Equal(0.5, (double)all["globalMean"]!["auc"]!, 12);
        Assert.Equal(24615, (long)all["lightgbm"]!["impressions"]!);
        var models = report["models"]!.AsArray();
        Assert.Equal([16, 18], models.Select(m => (int)m!["features"]!));
        Assert.Equal("hour", (string)models[0]!["importancesGrouped"]![0]!["feature"]!);
    }

    [Theory]
    [InlineData("--format", "csv", "--format must be mind")]
    [InlineData("--test-days", "0", "--test-days must be a whole number between 1 and 30")]
    public void A_bad_option_is_named_with_the_reason(string option, string value, string message)
    {
        var data = RepositoryPaths.RequireSharedData("mind-news-sample", "behaviors.tsv");
        var options = new Dictionary<string, string> { ["--data"] = data, ["--format"] = "mind", ["--out"] = Path.Combine(folder.Path, "x.json") };
        options[option] = value;
        var errors = new StringWriter();

        var exit = PredictCtrCommand.Run(options.SelectMany(o => new[] { o.Key, o.Value }).ToList(), new StringWriter(), errors, new LengthEncoder());

        Assert.Equal(2, exit);
        Assert.Contains(message, errors.ToString());
    }

    /// <summary>Two numbers per text (its word count in tens, and 1): enough to exercise the text-vector path.</summary>
    private sealed class LengthEncoder : ITextEncoder
    {
        public int Dimensions => 2;

        public float[][] Encode(IReadOnlyList<string> texts) => texts.Select(t => new[] { t.Split(' ').Length / 10f, 1f }).ToArray();
    }
}
