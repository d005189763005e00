using System.Text.Json.Nodes;
using ContentGrains.Cli.Reports;
using ContentGrains.Cli.Simulation;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Reports;

/// <summary>
/// `contentgrains report --data` end to end on a simulated world with planted groups: segments are fitted by
/// `contentgrains segments` (not taken from the truth), and the report built over them names only topic effects (the
/// world plants tastes, not channel or hour effects on clicks), with each segment's top channel its group's channel.
/// </summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_report_over_fitted_segments_finds_topic_effects_and_no_channel_or_hour_effect()
    {
        var dir = Path.Combine(folder.Path, "world");
        Assert.Equal(0, await SimulateCommand.RunAsync(["bulk", "--users", "1000", "--items", "400", "--events", "200000", "--segments", "4", "--seed", "5",
            "--format", "jsonl", "--out", dir], new StringWriter(), new StringWriter()));
        var events = Path.Combine(dir, "events.jsonl");
        var assigned = Path.Combine(folder.Path, "assigned.tsv");
        Assert.Equal(0, SegmentsCommand.Run(["--data", events, "--format", "simulated", "--out", Path.Combine(folder.Path, "segments.json"),
            "--max-k", "6", "--assignments", assigned], new StringWriter(), new StringWriter()));

        var (json, html, errors) = (Path.Combine(folder.Path, "report.json"), Path.Combine(folder.Path, "report.html"), new StringWriter());
        var exit = await ReportCommand.RunAsync(["--data", events, "--format", "jsonl", "--segments", assigned, "--out", json, "--html", html], new StringWriter(), errors);
        Assert.True(exit == 0, errors.ToString());

        var report = JsonNode.Parse(File.ReadAllText(json))!;
        var findings = report["findings"]!.AsArray();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Contains("topic", f!["where"]!.AsObject().Select(w => w.Key)));
        // The fitted four, and "(none)" for the few people the fit left out (no engagement, so no segment).
        var segments = report["segments"]!["segments"]!.AsArray().Where(s => (string)s!["segment"]! != "(none)").ToList();
        Assert.Equal(4, segments.Count);
        Assert.Equal(["app", "email", "social", "web"], segments.Select(s => (string)s!["top"]!["channel"]![0]!["key"]!).Order());
        Assert.Contains("data-chart=\"ctr-by-hour\"", File.ReadAllText(html));
    }

    [Fact]
    public async Task Bad_options_name_themselves_and_exit_2()
    {
        var errors = new StringWriter();
        Assert.Equal(2, await ReportCommand.RunAsync(["--data", "x.jsonl", "--format", "jsonl", "--out", "r.json", "--epsilon", "-1"], new StringWriter(), errors));
        Assert.Contains("--epsilon must be a number between", errors.ToString());
        Assert.Equal(2, await ReportCommand.RunAsync(["--url", "not a url"], new StringWriter(), errors = new StringWriter()));
        Assert.Contains("--url must be the engine's absolute URL", errors.ToString());
    }
}
