using ContentGrains.Cli.Import;
using ContentGrains.Cli.Simulation;
using ContentGrains.Core.Data;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Simulation;

/// <summary>`simulate bulk` writes files that import's own readers and the offline import read without a reject, with the requested counts.</summary>
public sealed class BulkWriterTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private string Dir(string name) => Path.Combine(folder.Path, name);

    private static async Task<(int Exit, string Output, string Errors)> Run(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await SimulateCommand.RunAsync(args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task RecBole_files_have_the_requested_counts_and_import_without_rejects()
    {
        var (exit, output, _) = await Run("bulk", "--users", "2000", "--items", "500", "--events", "6000", "--out", Dir("bulk"), "--seed", "5");
        Assert.Equal(0, exit);
        Assert.Contains("500 items and 6,000 events (2,000 people)", output);

        var items = RecBoleReader.ReadItems(Path.Combine(Dir("bulk"), "sim.item")).ToList();
        var events = RecBoleReader.ReadInteractions(Path.Combine(Dir("bulk"), "sim.inter"), RatingRule.Default).ToList();
        Assert.Equal(500, items.Count);
        Assert.Equal(6000, events.Count);
        Assert.All(items, i => Assert.Null(i.Reason));
        Assert.All(events, e => Assert.Null(e.Reason));
        Assert.All(items, i => Assert.NotEmpty(i.Value!.Tags!));
        Assert.Equal(6000, events.Select(e => e.Value!.EventId).Distinct().Count());      // distinct rows: nothing folds into a duplicate
        Assert.Contains(events, e => e.Value!.Type == "like");
        Assert.Contains(events, e => e.Value!.Type == "view");
        Assert.All(events, e => Assert.InRange(e.Value!.Timestamp!.Value, DateTimeOffset.UtcNow.AddDays(-30.1), DateTimeOffset.UtcNow));

        var imported = new StringWriter();
        Assert.Equal(0, await ImportCommand.RunAsync(["--data", Dir("bulk"), "--out", Dir("copy"), "--name", "copy"], imported, new StringWriter()));
        Assert.Contains("events: 6000 read, 6000 sent, 6000 accepted, 0 duplicates, 0 rejected, 0 about items without metadata", imported.ToString());
        Assert.Contains("items:  500 read, 500 sent, 500 stored, 0 rejected", imported.ToString());
        Assert.Equal(6000, AtomicFile.Read(Path.Combine(Dir("copy"), "copy.inter")).RowCount);
    }

    [Fact]
    public async Task Json_lines_hold_impressions_clicks_dwell_and_likes_and_import_without_rejects()
    {
        var (exit, _, _) = await Run("bulk", "--users", "1000", "--items", "300", "--events", "4000", "--out", Dir("json"), "--format", "jsonl");
        Assert.Equal(0, exit);

        var items = GenericReader.ReadItemsJsonl(Path.Combine(Dir("json"), "items.jsonl")).ToList();
        var events = GenericReader.ReadEventsJsonl(Path.Combine(Dir("json"), "events.jsonl"), RatingRule.Default).ToList();
        Assert.Equal(300, items.Count);
        Assert.Equal(4000, events.Count);
        Assert.All(items, i => Assert.Null(i.Reason));
        Assert.All(events, e => Assert.Null(e.Reason));
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.Value!.Text)));
        var types = events.GroupBy(e => e.Value!.Type!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["click", "dwell", "impression", "like"], types.Keys.Order());
        Assert.InRange(types["dwell"], types["click"] - 1, types["click"]);
        Assert.True(types["impression"] > types["click"]);
        Assert.All(events.Where(e => e.Value!.Type == "dwell"), e => Assert.True(e.Value!.DwellSeconds > 0));

        var imported = new StringWriter();
        var exitImport = await ImportCommand.RunAsync(
            ["--events", Path.Combine(Dir("json"), "events.jsonl"), "--items", Path.Combine(Dir("json"), "items.jsonl"), "--out", Dir("copy"), "--name", "copy"],
            imported, new StringWriter());
        Assert.Equal(0, exitImport);
        Assert.Contains("events: 4000 read, 4000 sent, 4000 accepted, 0 duplicates, 0 rejected", imported.ToString());
        Assert.Contains("items:  300 read, 300 sent, 300 stored, 0 rejected", imported.ToString());
    }

    [Theory]
    [InlineData("--out DIR is required", "bulk", "--users", "10")]
    [InlineData("--format: 'csv' is not one of recbole, jsonl", "bulk", "--out", "x", "--format", "csv")]
    [InlineData("--events must be a whole number between 0 and 10,000,000,000, got 'many'", "bulk", "--out", "x", "--events", "many")]
    [InlineData("--url is required", "--users", "10")]
    [InlineData("--feed-size must be a whole number between 1 and 500, got '0'", "--url", "http://127.0.0.1:1", "--feed-size", "0")]
    [InlineData("unknown option --colour", "--url", "http://127.0.0.1:1", "--colour", "red")]
    public async Task Bad_options_are_usage_errors_naming_the_option(string message, params string[] args)
    {
        var (exit, _, errors) = await Run(args);
        Assert.Equal(SimulateCommand.UsageError, exit);
        Assert.Contains(message, errors);
    }
}
