using System.Globalization;

namespace ContentGrains.Core.Data;

/// <summary>
/// A RecBole atomic file (<c>.inter</c>, <c>.item</c>, <c>.user</c>): a tab-separated table whose first line
/// declares each column as <c>name:type</c>. Cells are kept as text and converted on access.
/// </summary>
public sealed class AtomicFile
{
    private readonly Dictionary<string, int> columnByName;

    private AtomicFile(IReadOnlyList<AtomicField> fields, IReadOnlyList<string[]> rows)
    {
        Fields = fields;
        Rows = rows;
        columnByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            if (!columnByName.TryAdd(fields[i].Name, i))
                throw new FormatException($"Column '{fields[i].Name}' appears twice in the header.");
        }
    }

    public IReadOnlyList<AtomicField> Fields { get; }

    /// <summary>The data rows; each has exactly one cell per field.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    public int RowCount => Rows.Count;

    public static AtomicFile Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader);
    }

    public static AtomicFile Parse(TextReader reader)
    {
        var header = reader.ReadLine() ?? throw new FormatException("An atomic file needs a header line.");
        var fields = header.TrimEnd('\r').Split('\t').Select(AtomicField.Parse).ToArray();

        var rows = new List<string[]>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            line = line.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            var cells = line.Split('\t');
            if (cells.Length != fields.Length)
                throw new FormatException($"Line {lineNumber} has {cells.Length} cells, the header declares {fields.Length}.");
            rows.Add(cells);
        }
        return new AtomicFile(fields, rows);
    }

    /// <summary>The position of a column, or -1 when the file has no such column.</summary>
    public int ColumnOf(string name) => columnByName.GetValueOrDefault(name, -1);

    public int RequireColumn(string name, AtomicFieldType type)
    {
        var column = ColumnOf(name);
        if (column < 0)
            throw new FormatException($"The file has no column '{name}'.");
        if (Fields[column].Type != type)
            throw new FormatException($"Column '{name}' is {Fields[column].Type}, expected {type}.");
        return column;
    }

    public string Token(int row, int column) => Rows[row][column];

    public double Float(int row, int column) => ParseFloat(Rows[row][column]);

    public string[] TokenSequence(int row, int column) =>
        Rows[row][column].Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public double[] FloatSequence(int row, int column) =>
        Rows[row][column].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseFloat).ToArray();

    private static double ParseFloat(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
