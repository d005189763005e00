using System.Globalization;
using System.Text;

namespace ContentGrains.Cli.Import;

/// <summary>
/// GroupLens' raw MovieLens files: u.data (user, item, rating, timestamp separated by tabs; ml-1m's ratings.dat
/// with "::" also reads), u.item (pipe-separated: id|title|release date|video release date|IMDb URL|19 genre flags)
/// and u.user (id|age|gender|occupation|zip code). The files have no header. u.item and u.user are Latin-1.
/// </summary>
public static class MovieLensReader
{
    /// <summary>The 19 genres of ml-100k's u.genre, in the order of u.item's flag columns.</summary>
    public static readonly string[] Genres =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    private const int ItemFixedColumns = 5;

    public static IEnumerable<SourceRow<ImportEvent>> ReadRatings(string path, RatingRule rule)
    {
        using var reader = new StreamReader(path);
        foreach (var (number, line) in Cells.Lines(reader))
        {
            var source = new SourceLine(Path.GetFileName(path), number);
            var cells = line.Contains("::", StringComparison.Ordinal) ? line.Split("::") : line.Split('\t');
            if (cells.Length != 4) { yield return SourceRow<ImportEvent>.Bad(source, "line", $"has {cells.Length} fields, expected 4: user item rating timestamp"); continue; }
            if (!Cells.TryNumber(cells[2], out var rating)) { yield return SourceRow<ImportEvent>.Bad(source, "rating", $"'{cells[2]}' is not a number"); continue; }
            var (timestamp, reason) = Cells.Timestamp(cells[3]);
            if (reason is not null) { yield return SourceRow<ImportEvent>.Bad(source, "timestamp", reason); continue; }
            yield return new(source, rule.ToEvent(cells[0], cells[1], rating, timestamp));
        }
    }

    /// <summary>Items: the title as written ("Toy Story (1995)"), the flagged genres as tags, the release date as publishedAt.</summary>
    public static IEnumerable<SourceRow<ImportItem>> ReadItems(string path)
    {
        using var reader = new StreamReader(path, Encoding.Latin1);
        foreach (var (number, line) in Cells.Lines(reader))
        {
            var source = new SourceLine(Path.GetFileName(path), number);
            var cells = line.Split('|');
            if (cells.Length != ItemFixedColumns + Genres.Length)
            {
                yield return SourceRow<ImportItem>.Bad(source, "line", $"has {cells.Length} fields, expected {ItemFixedColumns + Genres.Length}: id|title|release date|video release date|URL|19 genre flags");
                continue;
            }
            DateTimeOffset? published = null;
            if (cells[2].Length > 0)
            {
                if (!DateTime.TryParseExact(cells[2], "dd-MMM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    yield return SourceRow<ImportItem>.Bad(source, "release date", $"'{cells[2]}' is not a date like 01-Jan-1995");
                    continue;
                }
                published = new DateTimeOffset(date, TimeSpan.Zero);
            }
            var tags = new List<string>();
            string? badFlag = null;
            for (var g = 0; g < Genres.Length; g++)
            {
                var flag = cells[ItemFixedColumns + g];
                if (flag == "1") tags.Add(Genres[g]);
                else if (flag != "0") badFlag = flag;
            }
            if (badFlag is not null) { yield return SourceRow<ImportItem>.Bad(source, "genre", $"flag '{badFlag}' is not 0 or 1"); continue; }
            yield return new(source, new ImportItem(cells[0], Title: cells[1].Length > 0 ? cells[1] : null, Tags: tags, PublishedAt: published));
        }
    }

    /// <summary>Users: side information under RecBole's column names (age, gender, occupation, zip_code).</summary>
    public static IEnumerable<SourceRow<ImportUser>> ReadUsers(string path)
    {
        string[] names = ["age", "gender", "occupation", "zip_code"];
        using var reader = new StreamReader(path, Encoding.Latin1);
        foreach (var (number, line) in Cells.Lines(reader))
        {
            var source = new SourceLine(Path.GetFileName(path), number);
            var cells = line.Split('|');
            if (cells.Length != names.Length + 1) { yield return SourceRow<ImportUser>.Bad(source, "line", $"has {cells.Length} fields, expected 5: id|age|gender|occupation|zip code"); continue; }
            yield return new(source, new ImportUser(cells[0], names.Select((n, i) => KeyValuePair.Create(n, cells[i + 1])).ToList()));
        }
    }
}
