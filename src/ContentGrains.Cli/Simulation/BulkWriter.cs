using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Simulation;

namespace ContentGrains.Cli.Simulation;

/// <summary>
/// `contentgrains simulate bulk`: writes a world's items and a stream of its events straight to files that
/// `contentgrains import` reads, row by row, holding no person, item or event beyond the one being written.
/// recbole: NAME.item (item_id, title, class = the topic tags, published_at) and NAME.inter, one click per row (rating 5
/// when liked, else 3, so import's default rule makes likes and views). jsonl: items.jsonl and events.jsonl with the API's
/// field names (impressions, clicks, dwell, likes). Events end 10 minutes before now, as the engine takes no future ones.
/// With planted segments, each person's true group goes to a separate file (NAME.groups or groups.tsv: user_id TAB group)
/// that only evaluation reads.
/// With --bots N, planted bots' events are merged in by time (RecBole: their clicks only) and bots.tsv lists them.
/// </summary>
public sealed class BulkWriter(BulkOptions options, WorkProgress progress)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private const int Buffer = 1 << 20;
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private const int ReportEvery = 10_000;
    private long written;

    public sealed record Summary(IReadOnlyList<string> Files, long Items, long Events, double Seconds);

    public Summary Write()
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(options.Out);
        var end = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds());
        var span = TimeSpan.FromDays(options.Days);
        var settings = new WorldSettings { Seed = options.Seed, Users = options.Users, Items = options.Items, Topics = options.Topics, Start = end - span, Segments = options.Segments };
        if (settings.Problem() is { } problem) throw new ArgumentException(problem);
        var events = new BulkEventGenerator(settings, options.Events, end, span, interactionsOnly: options.Format == "recbole").Events();
        var planted = new PlantedBots(settings, options.Bots, end, span);
        if (options.Bots > 0) events = PlantedBots.Merge(events, BotEvents(planted));
        var generator = new WorldGenerator(settings);
        string[] files = options.Format == "recbole"
            ? [WriteRecBoleItems(generator), WriteRecBoleInteractions(events)]
            : [WriteJsonItems(generator), WriteJsonEvents(events)];
        if (options.Segments > 0)
            files = [.. files, PlantedGroupsFile.Write(Path.Combine(options.Out, options.Format == "recbole" ? options.Name + ".groups" : "groups.tsv"),
                generator, options.Users)];
        if (options.Bots > 0) files = [.. files, WriteBots(planted)];
        return new Summary(files, options.Items, written, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The bots' events; RecBole files list interactions only, so there their impressions are left out.</summary>
    private IEnumerable<BulkEvent> BotEvents(PlantedBots planted) =>
        options.Format == "recbole" ? planted.Events().Where(e => e.Type != "impression") : planted.Events();

    /// <summary>bots.tsv: the planted bots' ids and scripts, the truth `contentgrains kpis --truth` scores flags against.</summary>
    private string WriteBots(PlantedBots planted)
    {
        var path = Path.Combine(options.Out, "bots.tsv");
        File.WriteAllLines(path, ["person_id\tkind", .. planted.Bots.Select(b => $"{b.Id}\t{b.Kind.ToString().ToLowerInvariant()}")]);
        return path;
    }

    private string WriteRecBoleItems(WorldGenerator generator)
    {
        var path = Path.Combine(options.Out, options.Name + ".item");
        using var writer = new StreamWriter(path, false, Utf8, Buffer);
        writer.WriteLine("item_id:token\ttitle:token_seq\tclass:token_seq\tpublished_at:float");
        for (long i = 0; i < options.Items; i++)
        {
            var item = generator.Item(i);
            writer.Write(item.Id);
            writer.Write('\t');
            writer.Write(item.Title);
            writer.Write('\t');
            writer.Write(string.Join(' ', item.Tags));
            writer.Write('\t');
            writer.WriteLine(item.Traits.PublishedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            Report("items", i + 1, options.Items);
        }
        return path;
    }

    private string WriteRecBoleInteractions(IEnumerable<BulkEvent> events)
    {
        var path = Path.Combine(options.Out, options.Name + ".inter");
        using var writer = new StreamWriter(path, false, Utf8, Buffer);
        writer.WriteLine("user_id:token\titem_id:token\trating:float\ttimestamp:float");
        foreach (var e in events)
        {
            // Milliseconds keep two clicks of one person on one item apart: import derives event ids from (user, item, time).
            writer.Write(SimIds.User(e.User));
            writer.Write('\t');
            writer.Write(SimIds.Item(e.Item));
            writer.Write(e.Liked ? "\t5\t" : "\t3\t");
            writer.WriteLine((e.Timestamp.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture));
            Report("events", ++written, options.Events);
        }
        return path;
    }

    private string WriteJsonItems(WorldGenerator generator)
    {
        var path = Path.Combine(options.Out, "items.jsonl");
        WriteJsonLines(path, options.Items, "items", (json, i) =>
        {
            var item = generator.Item(i);
            json.WriteStartObject();
            json.WriteString("itemId", item.Id);
            json.WriteString("title", item.Title);
            json.WriteString("text", item.Text);
            json.WriteStartArray("tags");
            foreach (var tag in item.Tags) json.WriteStringValue(tag);
            json.WriteEndArray();
            json.WriteString("publishedAt", item.Traits.PublishedAt);
            json.WriteEndObject();
        });
        return path;
    }

    private string WriteJsonEvents(IEnumerable<BulkEvent> events)
    {
        var path = Path.Combine(options.Out, "events.jsonl");
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, Buffer);
        using var json = new Utf8JsonWriter(stream);
        foreach (var e in events)
        {
            json.WriteStartObject();
            json.WriteString("eventId", $"b{options.Seed}-{e.Sequence}");
            json.WriteString("userId", SimIds.User(e.User));
            json.WriteString("itemId", SimIds.Item(e.Item));
            json.WriteString("type", e.Type);
            json.WriteString("timestamp", e.Timestamp);
            json.WriteString("channel", e.Channel);
            if (e.Type == "dwell") json.WriteNumber("dwellSeconds", e.DwellSeconds);
            json.WriteEndObject();
            EndLine(json, stream);
            Report("events", ++written, options.Events);
        }
        return path;
    }

    private void WriteJsonLines(string path, long count, string what, Action<Utf8JsonWriter, long> write)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, Buffer);
        using var json = new Utf8JsonWriter(stream);
        for (long i = 0; i < count; i++)
        {
            write(json, i);
            EndLine(json, stream);
            Report(what, i + 1, count);
        }
    }

    /// <summary>One JSON value per line: flush the writer's value, add the newline, and let the writer start a new top-level value.</summary>
    private static void EndLine(Utf8JsonWriter json, Stream stream)
    {
        json.Flush();
        stream.Write(NewLine);
        json.Reset(stream);
    }

    /// <summary>Moves the progress on every <see cref="ReportEvery"/> records (and at the end), not per record.</summary>
    private void Report(string what, long done, long total)
    {
        if (done % ReportEvery == 0) progress.Advance(ReportEvery);
        else if (done == total) progress.Advance(done % ReportEvery);
    }
}
