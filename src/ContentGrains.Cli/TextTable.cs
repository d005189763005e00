using ContentGrains.Cli.Import;

namespace ContentGrains.Cli;

/// <summary>One column of a CSV file (RFC 4180, <see cref="CsvRecords"/>) or a TSV file (a .tsv name), by its header name.</summary>
public static class TextTable
{
    public static List<string> ReadColumn(string path, string column)
    {
        if (!File.Exists(path)) throw new ArgumentException($"--in: file '{path}' does not exist");
        var tsv = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase);
        using var reader = new StreamReader(path);
        var rows = tsv ? TsvRows(reader) : CsvRows(reader);
        using var e = rows.GetEnumerator();
        if (!e.MoveNext()) throw new FormatException($"--in: '{path}' is empty (a header row is needed)");
        var index = e.Current.Fields.IndexOf(column);
        if (index < 0) throw new ArgumentException($"--column: '{column}' is not in the header ({string.Join(", ", e.Current.Fields)})");
        var texts = new List<string>();
        while (e.MoveNext())
        {
            var (line, fields) = e.Current;
            if (index >= fields.Count) throw new FormatException($"--in: line {line} has {fields.Count} fields, so no '{column}'");
            texts.Add(fields[index]);
        }
        return texts;
    }

    private static IEnumerable<(long Line, List<string> Fields)> CsvRows(TextReader reader)
    {
        foreach (var record in CsvRecords.Read(reader))
            yield return record.Error is null ? (record.Line, record.Fields) : throw new FormatException($"--in: line {record.Line}: {record.Error}");
    }

    private static IEnumerable<(long Line, List<string> Fields)> TsvRows(TextReader reader)
    {
        long line = 0;
        for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Length > 0) yield return (line, text.Split('\t').ToList());
        }
    }
}
