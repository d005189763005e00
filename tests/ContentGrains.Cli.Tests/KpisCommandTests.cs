using System.Text.Json.Nodes;
using ContentGrains.Cli.Simulation;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests;

/// <summary>`contentgrains kpis` on the real MIND sample and on a simulated month with planted bots.</summary>
public sealed class KpisCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private JsonNode Run(params string[] args)
    {
        var outFile = Path.Combine(folder.Path, "kpis.json");
        var errors = new StringWriter();
        var exit = KpisCommand.Run([.. args, "--out", outFile], new StringWriter(), errors);
        Assert.True(exit == 0, $"exit {exit}: {errors}");
        return JsonNode.Parse(File.ReadAllText(outFile))!;
    }

    [Fact]
    public void Mind_sample_ctr_is_its_clicked_candidates_over_all_candidates_with_a_wilson_interval()
    {
        var data = RepositoryPaths.RequireSharedData("mind-news-sample", "behaviors.tsv");
        var behaviors = Path.Combine(data, "behaviors.tsv");
        // Counted straight from the file: every candidate of column 5 is an impression, those ending in -1 are clicks.
        var candidates = File.ReadLines(behaviors).SelectMany(line => line.Split('\t')[4].Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        long impressions = candidates.Count, clicks = candidates.Count(c => c.EndsWith("-1", StringComparison.Ordinal));

        var report = Run("--data", behaviors, "--format", "mind");

        var overall = report["report"]!["overall"]!;
        var excluded = report["report"]!["excluded"]!;
        Assert.Equal((long)report["events"]!, (long)excluded["includedEvents"]! + (long)excluded["excludedEvents"]!);
        Assert.Equal(impressions, (long)report["unfiltered"]!["impressions"]!);
        Assert.Equal(clicks, (long)report["unfiltered"]!["clicks"]!);
        var ctr = overall["ctr"]!;
        Assert.Equal((double)(long)overall["clicks"]! / (long)overall["impressions"]!, (double)ctr["value"]!, 12);
        Assert.True((double)ctr["low"]! < (double)ctr["value"]! && (double)ctr["value"]! < (double)ctr["high"]!);
        Assert.Equal("wilson", (string)report["report"]!["proportionInterval"]!);
        Assert.True(report["report"]!["dimensions"]!["tag"]!["rows"]!.AsArray().Count > 5, "categories from news.tsv are the tags");
    }

    [Fact]
    public async Task Planted_bots_in_a_simulated_file_are_found_and_filtering_gives_the_humans_ctr()
    {
        var data = Path.Combine(folder.Path, "sim");
        var exit = await SimulateCommand.RunAsync(["bulk", "--users", "2000", "--items", "400", "--events", "100000", "--days", "10", "--seed", "4",
            "--format", "jsonl", "--bots", "12", "--out", data], new StringWriter(), new StringWriter());
        Assert.Equal(0, exit);

        var report = Run("--data", Path.Combine(data, "events.jsonl"), "--format", "jsonl", "--truth", Path.Combine(data, "bots.tsv"));

        var truth = report["truth"]!;
        Assert.Equal(12, (int)truth["planted"]!);
        Assert.Equal(1.0, (double)truth["precision"]!);
        Assert.Equal(1.0, (double)truth["recall"]!);
        Assert.Equal("4/4", (string)truth["recallByKind"]!["clickstorm"]!);
        Assert.Equal(0.0, (double)truth["ctrErrorFiltered"]!);
        Assert.True((double)truth["ctrErrorUnfiltered"]! > 0.01, $"bots move CTR: {truth["ctrErrorUnfiltered"]}");
    }

    [Fact]
    public void An_unknown_format_is_refused_naming_the_option()
    {
        var errors = new StringWriter();
        var behaviors = Path.Combine(folder.Path, "x.tsv");
        File.WriteAllText(behaviors, "");
        Assert.Equal(2, KpisCommand.Run(["--data", behaviors, "--format", "csv", "--out", Path.Combine(folder.Path, "o.json")], new StringWriter(), errors));
        Assert.Contains("--format must be one of recbole, mind, jsonl", errors.ToString());
    }
}
