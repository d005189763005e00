using System.Globalization;

namespace ContentGrains.Core.Data;

/// <summary>
/// One side-file column and how it is turned into feature names. <see cref="BucketEdges"/> (ascending) splits a
/// numeric column into the buckets (-inf, e0), [e0, e1), ..., [en, inf) and is only used with
/// <see cref="FeatureEncoding.Buckets"/>.
/// </summary>
public sealed record FeatureField(string Name, FeatureEncoding Encoding, IReadOnlyList<double>? BucketEdges = null)
{
    /// <summary>MovieLens-1M's age groups (under 18, 18-24, 25-34, 35-44, 45-49, 50-55, 56+), used for any <c>age</c> column.</summary>
    public static readonly IReadOnlyList<double> AgeGroupEdges = [18, 25, 35, 45, 50, 56];

    /// <summary>
    /// The encoding a column gets when the caller does not choose one: numbers become buckets (age groups for
    /// <c>age</c>, decades for a name with <c>year</c>, quintiles otherwise, or categories when there are at most
    /// ten distinct values); sequences whose name suggests text (title, name, text, description) become words;
    /// other sequences become tags; other tokens categories.
    /// </summary>
    public static FeatureField Infer(AtomicFile file, int column)
    {
        var field = file.Fields[column];
        var name = field.Name;
        if (field.Type == AtomicFieldType.TokenSequence)
            return new FeatureField(name, LooksLikeText(name) ? FeatureEncoding.Words : FeatureEncoding.Tags);

        var values = NumericValues(file, column);
        if (values is null)
            return new FeatureField(name, FeatureEncoding.Category);
        if (name.Equals("age", StringComparison.OrdinalIgnoreCase))
            return new FeatureField(name, FeatureEncoding.Buckets, AgeGroupEdges);
        if (name.Contains("year", StringComparison.OrdinalIgnoreCase))
            return new FeatureField(name, FeatureEncoding.Buckets, DecadeEdges(values));
        var distinct = values.Distinct().Order().ToArray();
        if (distinct.Length <= 10)
            return new FeatureField(name, FeatureEncoding.Category);
        return new FeatureField(name, FeatureEncoding.Buckets, QuintileEdges(values));
    }

    /// <summary>The feature names of one cell, repeated when a word repeats (its term count).</summary>
    public IEnumerable<string> FeaturesOf(string cell)
    {
        switch (Encoding)
        {
            case FeatureEncoding.Category:
                if (cell.Length > 0)
                    yield return $"{Name}={cell}";
                break;
            case FeatureEncoding.Tags:
                foreach (var token in cell.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    yield return $"{Name}={token}";
                break;
            case FeatureEncoding.Words:
                foreach (var word in Words(cell))
                    yield return $"{Name}={word}";
                break;
            case FeatureEncoding.Buckets:
                if (TryParse(cell, out var value))
                    yield return $"{Name}={BucketLabel(value)}";
                break;
        }
    }

    private string BucketLabel(double value)
    {
        var edges = BucketEdges ?? throw new InvalidOperationException($"Field '{Name}' is bucketed but has no bucket edges.");
        var above = 0;
        while (above < edges.Count && value >= edges[above])
            above++;
        var low = above == 0 ? "-inf" : Format(edges[above - 1]);
        var high = above == edges.Count ? "inf" : Format(edges[above]);
        return $"[{low},{high})";
    }

    /// <summary>Lower-cased runs of letters and digits: "Aristocats, The" gives "aristocats", "the".</summary>
    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    private static bool LooksLikeText(string name) =>
        new[] { "title", "name", "text", "desc" }.Any(hint => name.Contains(hint, StringComparison.OrdinalIgnoreCase));

    /// <summary>The column's numbers when every non-empty cell is one (and there is at least one), otherwise null.</summary>
    private static double[]? NumericValues(AtomicFile file, int column)
    {
        var values = new List<double>(file.RowCount);
        for (var row = 0; row < file.RowCount; row++)
        {
            var cell = file.Token(row, column);
            if (cell.Length == 0)
                continue;
            if (!TryParse(cell, out var value))
                return null;
            values.Add(value);
        }
        return values.Count == 0 ? null : values.ToArray();
    }

    /// <summary>Multiples of ten strictly inside the range, so each bucket is one decade (the ends open).</summary>
    private static double[] DecadeEdges(double[] values)
    {
        var first = Math.Floor(values.Min() / 10) * 10 + 10;
        var edges = new List<double>();
        for (var edge = first; edge <= values.Max(); edge += 10)
            edges.Add(edge);
        return edges.ToArray();
    }

    private static double[] QuintileEdges(double[] values)
    {
        var sorted = values.Order().ToArray();
        return Enumerable.Range(1, 4).Select(q => sorted[q * sorted.Length / 5]).Distinct().ToArray();
    }

    private static bool TryParse(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
