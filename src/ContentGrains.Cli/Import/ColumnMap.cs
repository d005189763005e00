namespace ContentGrains.Cli.Import;

/// <summary>
/// `--map movieId=itemId,userId=userId`: renames a CSV file's columns to the engine's names, so a real export
/// (MovieLens' ratings.csv, a shop's order log) imports as it is, without rewriting its header by hand. Source names
/// match case-insensitively, as the reader's own names do; a target must be a column the reader knows.
/// </summary>
public sealed class ColumnMap
{
    private readonly Dictionary<string, string> renames;

    private ColumnMap(Dictionary<string, string> renames) => this.renames = renames;

    /// <summary>The engine's name for a source column, or the source name itself when the map does not rename it.</summary>
    public string Rename(string source) => renames.GetValueOrDefault(source, source);

    public static (ColumnMap? Map, string? Error) Parse(string? text)
    {
        if (text is null) return (null, null);
        var known = GenericReader.EventColumns.Concat(GenericReader.ItemColumns).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var renames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts is not [{ Length: > 0 } from, { Length: > 0 } to])
                return (null, $"'{pair}' is not SOURCE=COLUMN, for example movieId=itemId");
            if (!known.Contains(to, StringComparer.OrdinalIgnoreCase))
                return (null, $"'{to}' is not a column the import reads ({string.Join(", ", known)})");
            if (!renames.TryAdd(from, to)) return (null, $"'{from}' is mapped twice");
        }
        return renames.Count == 0 ? (null, "give at least one SOURCE=COLUMN pair") : (new ColumnMap(renames), null);
    }
}
