using System.Text.Json.Nodes;
using ContentGrains.Cli.Bandits;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Bandits;

/// <summary>`contentgrains bandit simulate` on a small, strong planted lift, and its refusals.</summary>
public sealed class BanditCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_small_simulation_writes_its_summary_with_the_planted_truth()
    {
        var path = Path.Combine(folder.Path, "bandits.json");
        var errors = new StringWriter();

        var code = BanditCommand.Run(["simulate", "--runs", "8", "--horizon", "8000", "--variants", "2", "--base-ctr", "0.1", "--lift", "0.5",
            "--min-impressions", "300", "--parallel", "1", "--out", path], TextWriter.Null, errors);

        Assert.True(code == 0, errors.ToString());
        var report = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(1, (int)report["truth"]!["planted"]!);
        var summary = report["summary"]!;
        Assert.Equal(8, (int)summary["runs"]!);
        // The equal split shows the worse variant on every other impression: 4,000 × 0.05 = 200 clicks given up.
        Assert.Equal(200, (double)summary["meanEqualSplitRegret"]!, 6);
        Assert.True((double)summary["regretRatio"]! < 1.0 / 3, summary.ToJsonString());
    }

    [Theory]
    [InlineData("--lift", "abc", "--lift must be a number")]
    [InlineData("--variants", "1", "--variants must be a whole number between 2 and 10")]
    [InlineData("--min-share", "0.6", "--min-share × --variants must be at most 1")]
    [InlineData("--bogus", "1", "unknown option --bogus")]
    public void Bad_options_are_named(string option, string value, string message)
    {
        var errors = new StringWriter();

        Assert.Equal(2, BanditCommand.Run(["simulate", option, value], TextWriter.Null, errors));
        Assert.Contains(message, errors.ToString());
    }
}
