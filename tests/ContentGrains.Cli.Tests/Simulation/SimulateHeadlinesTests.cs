using System.Text.Json.Nodes;
using ContentGrains.Cli.Simulation;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Simulation;

/// <summary>
/// `simulate --variant-items` against the real engine process: the planted items are created with their headline
/// variants, every impression of them names the variant the feed showed (the engine's variant counts add up to the
/// item's impressions), and the report holds the engine's verdict on each planted test.
/// </summary>
public sealed class SimulateHeadlinesTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Planted_headline_tests_reach_the_engine_and_the_report_holds_its_verdict()
    {
        await using var silo = await SiloProcess.StartSqliteAsync(Path.Combine(folder.Path, "engine"));
        var reportPath = Path.Combine(folder.Path, "report.json");
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await SimulateCommand.RunAsync(["--url", $"http://127.0.0.1:{silo.HttpPort}", "--users", "60", "--items", "20", "--days", "2",
            "--seed", "3", "--feed-size", "6", "--parallel", "2", "--variant-items", "4", "--headline-variants", "2", "--headline-lift", "0.5",
            "--out", reportPath], output, errors);

        Assert.True(exit == 0, $"exit {exit}: {errors}\n{output}");
        var report = SimulationReport.Load(reportPath);
        Assert.Equal((0L, 0L), (report.Events.Rejected, report.Events.Duplicates));
        var headlines = Assert.IsType<HeadlineSummary>(report.Headlines);
        Assert.Equal((4, 2, 0.5), (headlines.Items, headlines.VariantsPerItem, headlines.Lift));
        Assert.Equal(4, headlines.Outcomes.Select(o => o.ItemId).Distinct().Count());
        Assert.Matches(@"headlines: 4 planted tests \(lift 50\s?%\), \d+ winners declared", output.ToString());
        foreach (var outcome in headlines.Outcomes)
        {
            Assert.Equal(["v0", "v1"], outcome.Variants.Select(v => v.VariantId));
            Assert.Single(outcome.Variants, v => v.Planted);
            Assert.Equal(outcome.Planted, outcome.Variants.Single(v => v.Planted).VariantId);
            Assert.Equal(outcome.Declared is null ? null : outcome.Declared == outcome.Planted, outcome.Right);
            // Every impression of a planted item named its variant: the variants' counts are the item's counts.
            var stats = await Eventually.Get(async () => JsonNode.Parse(await silo.Http.GetStringAsync($"/v1/items/{outcome.ItemId}"))!["stats"]!,
                s => (long)s["impressions"]! >= outcome.Variants.Sum(v => v.Impressions), "the item's counters to catch up", timeoutMs: 30_000);
            Assert.Equal((long)stats["impressions"]!, outcome.Variants.Sum(v => v.Impressions));
            Assert.Equal((long)stats["clicks"]!, outcome.Variants.Sum(v => v.Clicks));
        }
        Assert.True(headlines.Outcomes.Sum(o => o.Variants.Sum(v => v.Impressions)) > 0, "the feeds showed the planted items");
    }

    [Theory]
    [InlineData("--variant-items", "21", "--variant-items must be a whole number between 0 and 20, got '21'")]
    [InlineData("--headline-variants", "1", "--headline-variants must be a whole number between 2 and 10, got '1'")]
    [InlineData("--headline-lift", "-0.2", "--headline-lift must be a number between 0.01 and 10, got '-0.2'")]
    public void Bad_headline_options_name_the_option_and_the_range(string option, string value, string error)
    {
        var (options, problem) = SimulateOptions.Parse(["--url", "http://127.0.0.1:1", "--items", "20", option, value]);
        Assert.Null(options);
        Assert.Equal(error, problem);
    }
}
