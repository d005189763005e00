using System.Text.Json;
using ContentGrains.Core.Events;

namespace ContentGrains.Cli.Import;

/// <summary>
/// CSV with a header row, and JSON Lines (one object per line), whose field names are the API's:
/// events eventId, userId, itemId, type, timestamp, channel, dwellSeconds, value, text (plus "rating", which sets
/// "value" and, when there is no type, the type by the rating rule); items itemId, title, text, tags, format, creator,
/// publishedAt, channels (in CSV, tags and channels are separated by '|'). Names match case-insensitively; other
/// columns are ignored, as the API ignores unknown fields. A missing eventId is derived from the content (<see cref="EventIds"/>).
/// </summary>
public static class GenericReader
{
    public static readonly string[] EventColumns = ["eventId", "userId", "itemId", "type", "timestamp", "channel", "dwellSeconds", "value", "text", "rating"];
    public static readonly string[] ItemColumns = ["itemId", "title", "text", "tags", "format", "creator", "publishedAt", "channels"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEnumerable<SourceRow<ImportEvent>> ReadEventsCsv(string path, RatingRule rule, ColumnMap? map = null)
    {
        foreach (var (source, get, error) in CsvRows(path, EventColumns, map))
        {
            if (error is not null) { yield return SourceRow<ImportEvent>.Bad(source, "line", error); continue; }
            string? problemField = null, problemReason = null;
            double? Number(string name)
            {
                var cell = get(name);
                if (cell is null) return null;
                if (Cells.TryNumber(cell, out var v)) return v;
                (problemField, problemReason) = (name, $"must be a number, got '{cell}'");
                return null;
            }
            var (timestamp, timeReason) = get("timestamp") is { } t ? Cells.Timestamp(t) : (null, null);
            if (timeReason is not null) (problemField, problemReason) = ("timestamp", timeReason);
            var dwell = Number("dwellSeconds");
            var value = Number("value");
            var rating = Number("rating");
            if (problemField is not null) { yield return SourceRow<ImportEvent>.Bad(source, problemField, problemReason!); continue; }
            yield return new(source, Complete(get("eventId"), get("userId"), get("itemId"), get("type"), timestamp, get("channel"),
                dwell, value, get("text"), rating, rule));
        }
    }

    public static IEnumerable<SourceRow<ImportItem>> ReadItemsCsv(string path, ColumnMap? map = null)
    {
        foreach (var (source, get, error) in CsvRows(path, ItemColumns, map))
        {
            if (error is not null) { yield return SourceRow<ImportItem>.Bad(source, "line", error); continue; }
            var (published, reason) = get("publishedAt") is { } p ? Cells.Timestamp(p) : (null, null);
            if (reason is not null) { yield return SourceRow<ImportItem>.Bad(source, "publishedAt", reason); continue; }
            yield return new(source, new ImportItem(get("itemId"), get("title"), get("text"), List(get("tags")), get("format"),
                get("creator"), published, List(get("channels"))));
        }
    }

    public static IEnumerable<SourceRow<ImportEvent>> ReadEventsJsonl(string path, RatingRule rule)
    {
        foreach (var (source, element, error) in JsonLines(path))
        {
            if (error is not null) { yield return SourceRow<ImportEvent>.Bad(source, "line", error); continue; }
            var (input, problem) = EventJson.Read(element);
            if (problem is not null) { yield return SourceRow<ImportEvent>.Bad(source, problem.Field, problem.Reason); continue; }
            double? rating = null;
            if (element.TryGetProperty("rating", out var r) && r.ValueKind != JsonValueKind.Null)
            {
                if (r.ValueKind != JsonValueKind.Number) { yield return SourceRow<ImportEvent>.Bad(source, "rating", "must be a number"); continue; }
                rating = r.GetDouble();
            }
            var e = input!;
            yield return new(source, Complete(e.EventId, e.UserId, e.ItemId, e.Type, e.Timestamp, e.Channel, e.DwellSeconds, e.Value, e.Text, rating, rule));
        }
    }

    private sealed record ItemBody(string? ItemId, string? Title, string? Text, List<string>? Tags, string? Format,
        string? Creator, DateTimeOffset? PublishedAt, List<string>? Channels);

    public static IEnumerable<SourceRow<ImportItem>> ReadItemsJsonl(string path)
    {
        foreach (var (source, element, error) in JsonLines(path))
        {
            if (error is not null) { yield return SourceRow<ImportItem>.Bad(source, "line", error); continue; }
            ItemBody? body = null;
            string? field = null;
            try { body = element.Deserialize<ItemBody>(Json); }
            catch (JsonException e) { field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "item" : e.Path.TrimStart('$', '.'); }
            if (body is null) { yield return SourceRow<ImportItem>.Bad(source, field ?? "item", field is null ? "must be a JSON object" : "has the wrong type"); continue; }
            yield return new(source, new ImportItem(body.ItemId, body.Title, body.Text, body.Tags, body.Format, body.Creator, body.PublishedAt, body.Channels));
        }
    }

    /// <summary>Fills what the file left out: the type from a rating, the rating into value, a content-derived event id.</summary>
    private static ImportEvent Complete(string? eventId, string? user, string? item, string? type, DateTimeOffset? timestamp,
        string? channel, double? dwell, double? value, string? text, double? rating, RatingRule rule)
    {
        var kind = type ?? (rating is null ? null : "rating");
        type ??= rating is { } r ? rule.TypeOf(r) : null;
        return new ImportEvent(eventId ?? EventIds.Derive(user, item, timestamp, kind), user, item, type, timestamp, channel, dwell, value ?? rating, text);
    }

    private static List<string>? List(string? cell) =>
        cell?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>Rows of a CSV file as lookups by column name: an empty cell reads as absent, like a JSON null.</summary>
    private static IEnumerable<(SourceLine Source, Func<string, string?> Get, string? Error)> CsvRows(string path, string[] known, ColumnMap? map)
    {
        using var reader = new StreamReader(path);
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext() || records.Current.Error is not null)
            throw new FormatException($"{path}: a CSV file needs a header row naming its columns ({string.Join(", ", known)})");
        var header = records.Current.Fields;
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var named = map?.Rename(header[i].Trim()) ?? header[i].Trim();
            if (known.FirstOrDefault(k => k.Equals(named, StringComparison.OrdinalIgnoreCase)) is { } name) column.TryAdd(name, i);
        }
        if (column.Count == 0) throw new FormatException($"{path}: the header names none of the columns {string.Join(", ", known)}");
        while (records.MoveNext())
        {
            var record = records.Current;
            var source = new SourceLine(Path.GetFileName(path), record.Line);
            if (record.Error is not null) { yield return (source, _ => null, record.Error); continue; }
            if (record.Fields.Count != header.Count) { yield return (source, _ => null, $"has {record.Fields.Count} fields, the header has {header.Count}"); continue; }
            var fields = record.Fields;
            yield return (source, name => column.TryGetValue(name, out var c) && fields[c].Length > 0 ? fields[c] : null, null);
        }
    }

    private static IEnumerable<(SourceLine Source, JsonElement Element, string? Error)> JsonLines(string path)
    {
        using var reader = new StreamReader(path);
        foreach (var (number, line) in Cells.Lines(reader))
        {
            var source = new SourceLine(Path.GetFileName(path), number);
            JsonElement element = default;
            string? error = null;
            try
            {
                using var document = JsonDocument.Parse(line);
                element = document.RootElement.Clone();
            }
            catch (JsonException e) { error = $"is not valid JSON ({e.Message.Split(". ")[0]})"; }
            if (error is null && element.ValueKind != JsonValueKind.Object) error = "must be a JSON object";
            yield return (source, element, error);
        }
    }
}
