using System.Text.Json.Nodes;
using ContentGrains.Cli.Import;
using ContentGrains.Core.Data;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Import;

/// <summary>`import --out`: an offline RecBole data set that `evaluate` reads, with the engine's validation and dedup rules.</summary>
public sealed class OfflineImportTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    private string Source => Path.Combine(folder.Path, "source");
    private string Out => Path.Combine(folder.Path, "out");

    /// <summary>12 users × a few items each, ratings 1–5, so RS:0.8,0.1,0.1 gives every user test items.</summary>
    private void WriteSource()
    {
        Directory.CreateDirectory(Source);
        var inter = new List<string> { "user_id:token\titem_id:token\trating:float\ttimestamp:float" };
        for (var u = 0; u < 12; u++)
            for (var i = 0; i < 10; i++)
                if ((u + i) % 3 != 0)
                    inter.Add($"u{u}\ti{(u * 7 + i * 3) % 15}\t{1 + (u + i) % 5}\t{1_000_000 + u * 100 + i}");
        File.WriteAllLines(Path.Combine(Source, "tiny.inter"), inter);
        File.WriteAllLines(Path.Combine(Source, "tiny.item"),
            ["item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq", .. Enumerable.Range(0, 15).Select(i => $"i{i}\tFilm {i}\t{1990 + i}\tDrama {(i % 2 == 0 ? "Comedy" : "War")}")]);
        File.WriteAllLines(Path.Combine(Source, "tiny.user"), ["user_id:token\tage:token", .. Enumerable.Range(0, 12).Select(u => $"u{u}\t{20 + u}")]);
    }

    [Fact]
    public async Task Round_trips_through_the_evaluate_loader_with_the_same_metrics()
    {
        WriteSource();
        var output = new StringWriter();

        var exit = await ImportCommand.RunAsync(["--data", Source, "--out", Out, "--name", "copy"], output, new StringWriter());

        Assert.Equal(0, exit);
        var source = AtomicFile.Read(Path.Combine(Source, "tiny.inter"));
        var copy = AtomicFile.Read(Path.Combine(Out, "copy.inter"));
        Assert.Equal(source.Fields, copy.Fields);
        Assert.Equal(source.Rows, copy.Rows); // same rows, same order: the random split is the same
        Assert.Contains($"events: {source.RowCount} read, {source.RowCount} sent, {source.RowCount} accepted, 0 duplicates, 0 rejected, 0 about items", output.ToString());
        Assert.Contains("users:  12 read, 12 sent, 12 stored", output.ToString());

        var items = RecBoleReader.ReadItems(Path.Combine(Out, "copy.item")).Select(r => r.Value!).ToList();
        Assert.Equal(15, items.Count);
        var film3 = items.Single(i => i.ItemId == "i3");
        Assert.Equal(("Film 3", new DateTimeOffset(1993, 1, 1, 0, 0, 0, TimeSpan.Zero)), (film3.Title, film3.PublishedAt));
        Assert.Equal(["drama", "war"], film3.Tags); // stored as the engine stores tags: lower-case
        Assert.Equal(["user_id:token\tage:token", "u0\t20"], File.ReadLines(Path.Combine(Out, "copy.user")).Take(2));

        var (sourceReport, copyReport) = (Path.Combine(folder.Path, "source.json"), Path.Combine(folder.Path, "copy.json"));
        Assert.Equal(0, EvaluateCommand.Run(["--data", Source, "--split", "RS:0.8,0.1,0.1", "--models", "pop,itemknn", "--out", sourceReport], new StringWriter(), new StringWriter()));
        Assert.Equal(0, EvaluateCommand.Run(["--data", Out, "--split", "RS:0.8,0.1,0.1", "--models", "pop,itemknn", "--out", copyReport], new StringWriter(), new StringWriter()));
        var expected = JsonNode.Parse(File.ReadAllText(sourceReport))!["models"]!;
        var actual = JsonNode.Parse(File.ReadAllText(copyReport))!["models"]!;
        foreach (var model in new[] { 0, 1 })
            Assert.Equal(expected[model]!["test"]!.ToJsonString(), actual[model]!["test"]!.ToJsonString());
    }

    [Fact]
    public async Task Applies_the_engine_rules_repeated_ids_are_duplicates_and_impressions_are_not_written()
    {
        Directory.CreateDirectory(Source);
        var events = Path.Combine(Source, "events.csv");
        File.WriteAllLines(events, [
            "eventId,userId,itemId,type,timestamp,value",
            "e-1,ann,alien,like,2026-01-01T00:00:00Z,",
            "e-2,ann,aliens,impression,2026-01-01T00:00:00Z,",
            "e-3,ann,alien,teleport,2026-01-01T00:00:00Z,",     // line 4: the engine knows no such type
            "e-4,bob smith,alien,view,2026-01-01T00:00:00Z,",   // line 5: a space in an id
            "e-5,bob,alien,view,2026-01-01T00:00:00Z,3.5",
        ]);
        var output = new StringWriter();

        // The same file twice: the second pass finds every id already there.
        var exit = await ImportCommand.RunAsync(["--events", $"{events},{events}", "--out", Out, "--name", "ev", "--batch", "2"], output, new StringWriter());

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("events: 10 read, 10 sent, 3 accepted, 3 duplicates, 4 rejected, 3 about items without metadata", text);
        Assert.Contains("note: 1 impressions accepted but not written to ev.inter", text);
        Assert.Contains("2  event type 'teleport' is not one of impression, view, click, like, share, comment, dislike, conversion, dwell  (e.g. events.csv:4, events.csv:4)", text);
        Assert.Contains("2  event userId contains ' '; allowed are ASCII letters (a-z, A-Z), digits and _ - . : @  (e.g. events.csv:5, events.csv:5)", text);
        Assert.Equal(["ann\talien\t1\t1767225600", "bob\talien\t3.5\t1767225600"], File.ReadLines(Path.Combine(Out, "ev.inter")).Skip(1));
    }

    [Fact]
    public async Task A_raw_MovieLens_folder_becomes_a_RecBole_data_set()
    {
        Directory.CreateDirectory(Source);
        File.WriteAllText(Path.Combine(Source, "u.data"), "196\t242\t3\t881250949\n186\t302\t4\t891717742\n");
        File.WriteAllText(Path.Combine(Source, "u.item"), "242|Kolya (1996)|24-Jan-1997||url|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n", System.Text.Encoding.Latin1);
        File.WriteAllText(Path.Combine(Source, "u.user"), "196|49|M|writer|55105\n186|39|F|executive|00000\n");
        var output = new StringWriter();

        Assert.Equal(0, await ImportCommand.RunAsync(["--data", Source, "--out", Out], output, new StringWriter()));

        Assert.Contains("events: 2 read, 2 sent, 2 accepted, 0 duplicates, 0 rejected, 1 about items without metadata", output.ToString());
        Assert.Equal(["user_id:token\titem_id:token\trating:float\ttimestamp:float", "196\t242\t3\t881250949", "186\t302\t4\t891717742"],
            File.ReadAllLines(Path.Combine(Out, "ml.inter")));
        Assert.Equal("242\tKolya (1996)\tcomedy\t854064000", File.ReadAllLines(Path.Combine(Out, "ml.item"))[1]); // 24 Jan 1997 00:00 UTC
        Assert.Equal("186\t39\tF\texecutive\t00000", File.ReadAllLines(Path.Combine(Out, "ml.user"))[2]);
    }

    [Fact]
    public async Task A_real_csv_export_imports_through_a_column_map()
    {
        Directory.CreateDirectory(Source);
        var ratings = Path.Combine(Source, "ratings.csv"); // MovieLens' own header
        File.WriteAllLines(ratings, ["userId,movieId,rating,timestamp", "1,31,2.5,1260759144", "1,1029,5.0,1260759179"]);
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await ImportCommand.RunAsync(["--events", ratings, "--format", "csv", "--map", "movieId=itemId", "--out", Out, "--name", "ml"], output, errors);

        Assert.True(exit == 0, errors.ToString());
        Assert.Contains("events: 2 read, 2 sent, 2 accepted", output.ToString());
        var rows = File.ReadAllLines(Path.Combine(Out, "ml.inter"));
        Assert.Equal(3, rows.Length);
        Assert.Contains(rows.Skip(1), r => r.StartsWith("1\t1029\t", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("movieId", "'movieId' is not SOURCE=COLUMN")]
    [InlineData("movieId=film", "'film' is not a column the import reads")]
    [InlineData("movieId=itemId,MOVIEID=itemId", "'MOVIEID' is mapped twice")]
    public async Task A_bad_column_map_is_a_usage_error_naming_the_pair(string map, string reason)
    {
        Directory.CreateDirectory(Source);
        var ratings = Path.Combine(Source, "r.csv");
        File.WriteAllLines(ratings, ["userId,movieId,rating,timestamp", "1,31,2.5,1260759144"]);
        var errors = new StringWriter();

        Assert.Equal(ImportCommand.UsageError, await ImportCommand.RunAsync(["--events", ratings, "--map", map, "--out", Out], new StringWriter(), errors));
        Assert.Contains($"import: --map: {reason}", errors.ToString());
    }

    [Fact]
    public async Task Nothing_imported_exits_1_and_usage_errors_exit_2()
    {
        Directory.CreateDirectory(Source);
        var bad = Path.Combine(Source, "bad.inter");
        File.WriteAllLines(bad, ["user_id:token\titem_id:token\trating:float", "u1\ti1\tx"]);
        var errors = new StringWriter();

        Assert.Equal(ImportCommand.NothingImported, await ImportCommand.RunAsync(["--events", bad, "--out", Out], new StringWriter(), errors));
        Assert.Contains("nothing was imported", errors.ToString());
        Assert.Equal(ImportCommand.UsageError, await ImportCommand.RunAsync(["--events", bad], new StringWriter(), errors));
        Assert.Contains("give exactly one target", errors.ToString());
        Assert.Equal(ImportCommand.UsageError, await ImportCommand.RunAsync(["--events", bad + ".missing", "--out", Out], new StringWriter(), errors));
        Assert.Equal(ImportCommand.UsageError, await ImportCommand.RunAsync(["--events", bad, "--out", Out, "--batch", "10001"], new StringWriter(), errors));
        Assert.Contains("--batch must be between 1 and 10000", errors.ToString());
    }
}
