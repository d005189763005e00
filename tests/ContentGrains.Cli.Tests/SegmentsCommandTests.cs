using System.Text.Json.Nodes;
using ContentGrains.Cli.Simulation;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests;

/// <summary>
/// `contentgrains simulate bulk --segments K` then `contentgrains segments`: the planted groups are written apart from the
/// data, and the fit recovers them (ARI against that truth file), from the JSON events and from RecBole interactions.
/// </summary>
public sealed class SegmentsCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private string Simulate(string format)
    {
        var dir = Path.Combine(folder.Path, format);
        var exit = SimulateCommand.RunAsync(["bulk", "--users", "1000", "--items", "500", "--events", "200000", "--segments", "4", "--seed", "5",
            "--format", format, "--out", dir], new StringWriter(), new StringWriter()).GetAwaiter().GetResult();
        Assert.Equal(0, exit);
        return dir;
    }

    private JsonNode Segments(params string[] args)
    {
        var outFile = Path.Combine(folder.Path, "segments.json");
        var errors = new StringWriter();
        var exit = SegmentsCommand.Run([.. args, "--out", outFile, "--max-k", "8"], new StringWriter(), errors);
        Assert.True(exit == 0, $"exit {exit}: {errors}");
        return JsonNode.Parse(File.ReadAllText(outFile))!;
    }

    [Fact]
    public void Planted_groups_are_recovered_from_simulated_events()
    {
        var dir = Simulate("jsonl");
        var truth = File.ReadAllLines(Path.Combine(dir, "groups.tsv"));
        Assert.Equal(("user_id\tgroup", 1001), (truth[0], truth.Length));
        Assert.DoesNotContain("group", File.ReadLines(Path.Combine(dir, "events.jsonl")).First()); // the engine's data holds no truth

        var assignments = Path.Combine(folder.Path, "assigned.tsv");
        var report = Segments("--data", Path.Combine(dir, "events.jsonl"), "--format", "simulated", "--truth", Path.Combine(dir, "groups.tsv"),
            "--assignments", assignments);

        Assert.Equal(4, (int)report["fit"]!["chosenK"]!);
        Assert.Equal(7, report["fit"]!["silhouettes"]!.AsArray().Count); // k = 2..8, each reported
        Assert.True((double)report["agreement"]!["kMeans"]! >= 0.9, report["agreement"]!.ToJsonString());
        Assert.Equal(4, report["segments"]!.AsArray().Count);
        Assert.Equal((int)report["fit"]!["people"]! + 1, File.ReadAllLines(assignments).Length);
    }

    [Fact]
    public void Planted_groups_are_recovered_from_recbole_interactions_without_channels()
    {
        var dir = Simulate("recbole");
        var report = Segments("--data", Path.Combine(dir, "sim.inter"), "--format", "recbole", "--truth", Path.Combine(dir, "sim.groups"));
        Assert.Equal(4, (int)report["fit"]!["chosenK"]!);
        Assert.True((double)report["agreement"]!["kMeans"]! >= 0.9, report["agreement"]!.ToJsonString());
    }

    [Fact]
    public void Simulate_options_check_the_planted_groups()
    {
        Assert.Equal("--segments needs --groups FILE: where the planted groups (the truth) are written",
            SimulateOptions.Parse(["--url", "http://127.0.0.1:5080", "--segments", "4"]).Error);
        Assert.Equal((4, "g.tsv"), SimulateOptions.Parse(["--url", "http://127.0.0.1:5080", "--segments", "4", "--groups", "g.tsv"]).Options is { } o
            ? (o.Segments, o.Groups) : default);
        Assert.Equal("--segments must be a whole number between 0 and 10, got '11'",
            BulkOptions.Parse(["--out", "x", "--topics", "10", "--segments", "11"]).Error);
    }

    [Theory]
    [InlineData(new[] { "--format", "simulated", "--out", "x.json" }, "--data, --format and --out are required")]
    [InlineData(new[] { "--data", "missing.jsonl", "--format", "simulated", "--out", "x.json" }, "--data: file 'missing.jsonl' does not exist")]
    [InlineData(new[] { "--data", "x", "--format", "simulated", "--out", "x.json", "--min-k", "1" }, "--min-k must be at least 2")]
    [InlineData(new[] { "--data", "x", "--format", "simulated", "--out", "x.json", "--sample", "lots" }, "--sample: 'lots' is not a whole number")]
    public void Bad_options_name_the_option_and_the_reason(string[] args, string message) // "x": an existing empty file
    {
        var errors = new StringWriter();
        var existing = Path.Combine(folder.Path, "empty.jsonl");
        File.WriteAllText(existing, "");
        Assert.Equal(2, SegmentsCommand.Run(args.Select(a => a == "x" ? existing : a).ToList(), new StringWriter(), errors));
        Assert.Contains(message, errors.ToString());
    }
}
