using System.Globalization;
using System.Text.Json;
using ContentGrains.Core.Data;
using ContentGrains.Core.Events;

namespace ContentGrains.Core.Segments;

/// <summary>
/// People's activity from data files, for the CLI and the benchmark. recbole: NAME.inter (user_id, item_id, timestamp
/// in seconds; each row one click on "web") with NAME.item beside it for tags (its class column) and format (a format
/// column, when there is one). simulated: the events.jsonl of `contentgrains simulate bulk --format jsonl` with its
/// items.jsonl beside it (the API's field names).
/// </summary>
public static class SegmentDataFiles
{
    public static readonly string[] Formats = ["recbole", "simulated"];

    public static PersonActivityTable Read(string path, string format, TimeSpan halfLife, long memoryBoundBytes) => format switch
    {
        "recbole" => RecBole(path, halfLife, memoryBoundBytes),
        "simulated" => Simulated(path, halfLife, memoryBoundBytes),
        _ => throw new ArgumentException($"--format must be one of {string.Join(", ", Formats)}, got '{format}'"),
    };

    /// <summary>A truth file: user_id TAB group per line (the simulator's planted groups).</summary>
    public static Dictionary<string, int> ReadGroups(string path) =>
        File.ReadLines(path).Where(line => line.Length > 0 && !line.StartsWith("user_id", StringComparison.Ordinal)).Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => int.Parse(parts[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static PersonActivityTable RecBole(string path, TimeSpan halfLife, long memoryBoundBytes)
    {
        var items = RecBoleItems(Path.ChangeExtension(path, ".item"));
        var file = AtomicFile.Read(path);
        var user = file.RequireColumn("user_id", AtomicFieldType.Token);
        var item = file.RequireColumn("item_id", AtomicFieldType.Token);
        var time = file.RequireColumn("timestamp", AtomicFieldType.Float);
        var table = new PersonActivityTable(halfLife, memoryBoundBytes);
        for (var row = 0; row < file.RowCount; row++)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds((long)(file.Float(row, time) * 1000));
            var itemId = file.Token(row, item);
            table.Add(new Interaction($"r{row}", file.Token(row, user), itemId, EventType.Click, at, "web", 0, null, null), items.GetValueOrDefault(itemId));
        }
        return table;
    }

    private static Dictionary<string, ItemFacts> RecBoleItems(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"--data: the item file '{path}' beside the .inter file does not exist (it gives the tags)");
        var file = AtomicFile.Read(path);
        var id = file.RequireColumn("item_id", AtomicFieldType.Token);
        var tags = file.ColumnOf("class");
        var format = file.ColumnOf("format");
        return Enumerable.Range(0, file.RowCount).ToDictionary(row => file.Token(row, id), row => new ItemFacts(
            tags < 0 ? [] : file.TokenSequence(row, tags), format < 0 ? null : file.Token(row, format)), StringComparer.Ordinal);
    }

    private static PersonActivityTable Simulated(string path, TimeSpan halfLife, long memoryBoundBytes)
    {
        var itemsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "items.jsonl");
        if (!File.Exists(itemsPath)) throw new ArgumentException($"--data: '{itemsPath}' beside the events does not exist (it gives the tags)");
        var items = new Dictionary<string, ItemFacts>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(itemsPath))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var tags = root.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
            items[root.GetProperty("itemId").GetString()!] = new ItemFacts(tags, root.TryGetProperty("format", out var f) ? f.GetString() : null);
        }
        var table = new PersonActivityTable(halfLife, memoryBoundBytes);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var typeName = root.GetProperty("type").GetString();
            if (!EventTypes.TryParse(typeName, out var type)) throw new FormatException($"{path} line {number}: type '{typeName}' is not one of {EventTypes.KnownNames}");
            var itemId = root.GetProperty("itemId").GetString()!;
            var e = new Interaction(root.TryGetProperty("eventId", out var id) ? id.GetString()! : $"e{number}", root.GetProperty("userId").GetString()!, itemId,
                type, root.GetProperty("timestamp").GetDateTimeOffset(), root.TryGetProperty("channel", out var c) ? c.GetString()! : "web",
                root.TryGetProperty("dwellSeconds", out var d) ? d.GetDouble() : 0, null, null);
            table.Add(e, items.GetValueOrDefault(itemId));
        }
        return table;
    }
}
