using System.Globalization;

namespace ContentGrains.Cli.Import;

/// <summary>Cell conversions shared by the readers; each answers a reason in the API's words instead of throwing.</summary>
public static class Cells
{
    public static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Seconds since 1970 (RecBole, MovieLens) or an ISO-8601 date-time, as the API accepts.</summary>
    public static (DateTimeOffset? Value, string? Reason) Timestamp(string cell)
    {
        if (cell.Length == 0) return (null, null);
        if (TryNumber(cell, out var seconds))
        {
            if (seconds < -62_135_596_800 || seconds > 253_402_300_799) return (null, "is out of range for seconds since 1970");
            return (DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000)), null);
        }
        return DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? (parsed, null)
            : (null, "must be an ISO-8601 date-time (e.g. 2026-01-31T12:00:00Z) or seconds since 1970");
    }

    /// <summary>1 January of a year such as RecBole's release_year, which is all ml-100k knows of a film's date.</summary>
    public static (DateTimeOffset? Value, string? Reason) Year(string cell)
    {
        if (cell.Length == 0) return (null, null);
        return int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1 and <= 9999
            ? (new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero), null)
            : (null, $"'{cell}' is not a year");
    }

    /// <summary>Lines of a text file with their 1-based numbers, blank lines skipped.</summary>
    public static IEnumerable<(long Number, string Text)> Lines(TextReader reader, long firstNumber = 1)
    {
        var number = firstNumber - 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            if (line.Length > 0) yield return (number, line);
        }
    }
}
