using ContentGrains.Core.Data;

namespace ContentGrains.Cli.Import;

/// <summary>
/// RecBole atomic files, line by line: a header of name:type cells, then tab-separated rows. A row with the wrong
/// number of cells or an unreadable value is a reject with its line number; the rest of the file still loads.
/// </summary>
public static class RecBoleReader
{
    /// <summary>.inter: user_id and item_id (required), rating and timestamp (optional). Each row is a rated interaction.</summary>
    public static IEnumerable<SourceRow<ImportEvent>> ReadInteractions(string path, RatingRule rule)
    {
        using var reader = new StreamReader(path);
        var (fields, column) = Header(reader, path, "user_id", "item_id");
        int user = column["user_id"], item = column["item_id"];
        var rating = column.GetValueOrDefault("rating", -1);
        var time = column.GetValueOrDefault("timestamp", -1);
        foreach (var (number, line) in Cells.Lines(reader, 2))
        {
            var source = new SourceLine(Path.GetFileName(path), number);
            var cells = line.Split('\t');
            if (cells.Length != fields.Length) { yield return WrongWidth<ImportEvent>(source, cells.Length, fields.Length); continue; }
            var (timestamp, timeReason) = time < 0 ? (null, null) : Cells.Timestamp(cells[time]);
            if (timeReason is not null) { yield return SourceRow<ImportEvent>.Bad(source, "timestamp", timeReason); continue; }
            if (rating < 0)
            {
                // Implicit feedback: every row says the user consumed the item.
                yield return new(source, new ImportEvent(EventIds.Derive(cells[user], cells[item], timestamp, "rating"),
                    cells[user], cells[item], "view", timestamp));
                continue;
            }
            if (!Cells.TryNumber(cells[rating], out var value)) { yield return SourceRow<ImportEvent>.Bad(source, "rating", $"'{cells[rating]}' is not a number"); continue; }
            yield return new(source, rule.ToEvent(cells[user], cells[item], value, timestamp));
        }
    }

    /// <summary>Names of the .item columns that carry the engine's item fields; the first present one is used.</summary>
    public static readonly string[] TitleColumns = ["movie_title", "title", "name"];
    public static readonly string[] TagColumns = ["class", "genre", "genres", "categories", "tags"];
    public static readonly string[] YearColumns = ["release_year", "year"];

    /// <summary>.item: item_id (required), title from movie_title/title, tags from class/genre(s)/categories/tags
    /// (space-separated tokens), publishedAt from release_year (1 January; a non-year leaves it empty) or published_at (seconds since 1970).</summary>
    public static IEnumerable<SourceRow<ImportItem>> ReadItems(string path)
    {
        using var reader = new StreamReader(path);
        var (fields, column) = Header(reader, path, "item_id");
        var id = column["item_id"];
        var title = First(column, TitleColumns);
        var tags = First(column, TagColumns);
        var year = First(column, YearColumns);
        var published = column.GetValueOrDefault("published_at", -1);
        foreach (var (number, line) in Cells.Lines(reader, 2))
        {
            var source = new SourceLine(Path.GetFileName(path), number);
            var cells = line.Split('\t');
            if (cells.Length != fields.Length) { yield return WrongWidth<ImportItem>(source, cells.Length, fields.Length); continue; }
            var (publishedAt, reason) = published >= 0 ? Cells.Timestamp(cells[published]) : (null, null);
            if (reason is not null) { yield return SourceRow<ImportItem>.Bad(source, "published_at", reason); continue; }
            // release_year is a token to RecBole, so "unknown" is a legal value there (ml-100k has two such items):
            // it just gives no date, and the item still loads.
            if (published < 0 && year >= 0) publishedAt = Cells.Year(cells[year]).Value;
            yield return new(source, new ImportItem(cells[id],
                Title: title >= 0 && cells[title].Length > 0 ? cells[title] : null,
                Tags: tags >= 0 ? cells[tags].Split(' ', StringSplitOptions.RemoveEmptyEntries) : null,
                PublishedAt: publishedAt));
        }
    }

    /// <summary>.user: user_id and every other column as side information.</summary>
    public static IEnumerable<SourceRow<ImportUser>> ReadUsers(string path)
    {
        using var reader = new StreamReader(path);
        var (fields, column) = Header(reader, path, "user_id");
        var id = column["user_id"];
        foreach (var (number, line) in Cells.Lines(reader, 2))
        {
            var source = new SourceLine(Path.GetFileName(path), number);
            var cells = line.Split('\t');
            if (cells.Length != fields.Length) { yield return WrongWidth<ImportUser>(source, cells.Length, fields.Length); continue; }
            var attributes = Enumerable.Range(0, fields.Length).Where(c => c != id)
                .Select(c => KeyValuePair.Create(fields[c].Name, cells[c])).ToList();
            yield return new(source, new ImportUser(cells[id], attributes));
        }
    }

    /// <summary>A missing or malformed header makes the whole file unreadable: that is a usage error, not a reject.</summary>
    private static (AtomicField[] Fields, Dictionary<string, int> Column) Header(TextReader reader, string path, params string[] required)
    {
        var header = reader.ReadLine()?.TrimEnd('\r');
        if (string.IsNullOrEmpty(header)) throw new FormatException($"{path}: an atomic file needs a header line of name:type cells");
        AtomicField[] fields;
        try { fields = header.Split('\t').Select(AtomicField.Parse).ToArray(); }
        catch (FormatException error) { throw new FormatException($"{path}: {error.Message}"); }
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++) column.TryAdd(fields[i].Name, i);
        if (required.FirstOrDefault(r => !column.ContainsKey(r)) is { } missing)
            throw new FormatException($"{path}: the header has no '{missing}' column");
        return (fields, column);
    }

    private static int First(Dictionary<string, int> column, string[] names) =>
        names.Select(n => column.GetValueOrDefault(n, -1)).FirstOrDefault(c => c >= 0, -1);

    private static SourceRow<T> WrongWidth<T>(SourceLine source, int cells, int declared) where T : class =>
        SourceRow<T>.Bad(source, "line", $"has {cells} cells, the header declares {declared}");
}
