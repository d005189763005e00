using System.Text;

namespace ContentGrains.Cli.Import;

/// <summary>
/// RFC 4180 records: comma-separated, fields in double quotes may hold commas, newlines and doubled quotes ("").
/// Each record carries the line it starts on. An unclosed quote makes the rest of the file one bad record.
/// </summary>
public static class CsvRecords
{
    public sealed record Record(long Line, List<string> Fields, string? Error);

    public static IEnumerable<Record> Read(TextReader reader)
    {
        long line = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var start = line;
        var inQuotes = false;
        var any = false; // the record has content (a blank line is no record)
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append((char)c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new Record(start, fields, null);
                    }
                    fields = [];
                    field.Clear();
                    any = false;
                    start = ++line;
                    break;
                default:
                    field.Append((char)c);
                    any = true;
                    break;
            }
        }
        if (inQuotes) yield return new Record(start, fields, "has a quoted field that is never closed");
        else if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new Record(start, fields, null);
        }
    }
}
