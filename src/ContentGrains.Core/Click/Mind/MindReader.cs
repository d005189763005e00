using System.Globalization;

namespace ContentGrains.Core.Click.Mind;

/// <summary>
/// Reads the MIND format (Microsoft News Dataset): behaviors.tsv (impression_id, user_id, time as
/// <c>11/12/2019 2:14:46 PM</c> in UTC, history, impressions) and news.tsv (id, category, subcategory, title,
/// abstract, url, entities…), tab-separated without a header. A bad line throws <see cref="MindFormatException"/>.
/// </summary>
public static class MindReader
{
    private static readonly string[] TimeFormats = ["M/d/yyyy h:mm:ss tt"];

    public static List<MindImpression> ReadBehaviors(string path)
    {
        RequireFile(path);
        var impressions = new List<MindImpression>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            impressions.Add(ParseBehavior(line, path, lineNumber));
        }
        if (impressions.Count == 0)
            throw new MindFormatException(path, 0, "file", "has no impressions");
        return impressions;
    }

    public static List<MindNews> ReadNews(string path)
    {
        RequireFile(path);
        var news = new List<MindNews>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length < 5)
                throw new MindFormatException(path, lineNumber, "line", $"expected at least 5 tab-separated fields (id, category, subcategory, title, abstract), got {fields.Length}");
            if (fields[0].Length == 0)
                throw new MindFormatException(path, lineNumber, "news_id", "is empty");
            news.Add(new MindNews(fields[0], fields[1], fields[2], fields[3], fields[4]));
        }
        return news;
    }

    internal static MindImpression ParseBehavior(string line, string path, int lineNumber)
    {
        var fields = line.Split('\t');
        if (fields.Length != 5)
            throw new MindFormatException(path, lineNumber, "line", $"expected 5 tab-separated fields (impression_id, user_id, time, history, impressions), got {fields.Length}");
        if (fields[0].Length == 0) throw new MindFormatException(path, lineNumber, "impression_id", "is empty");
        if (fields[1].Length == 0) throw new MindFormatException(path, lineNumber, "user_id", "is empty");
        if (!DateTime.TryParseExact(fields[2], TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            throw new MindFormatException(path, lineNumber, "time", $"'{fields[2]}' is not a time like 11/12/2019 2:14:46 PM");
        var history = fields[3].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var candidates = fields[4].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => ParseCandidate(c, path, lineNumber)).ToList();
        if (candidates.Count == 0) throw new MindFormatException(path, lineNumber, "impressions", "has no candidates");
        return new MindImpression(fields[0], fields[1], new DateTimeOffset(time, TimeSpan.Zero), history, candidates);
    }

    private static MindCandidate ParseCandidate(string text, string path, int lineNumber)
    {
        var dash = text.LastIndexOf('-');
        if (dash <= 0 || dash != text.Length - 2 || (text[^1] != '0' && text[^1] != '1'))
            throw new MindFormatException(path, lineNumber, "impressions", $"'{text}' is not NEWSID-0 or NEWSID-1");
        return new MindCandidate(text[..dash], text[^1] == '1');
    }

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file", path);
    }
}
