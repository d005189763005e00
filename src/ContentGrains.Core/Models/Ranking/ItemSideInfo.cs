using System.Globalization;
using ContentGrains.Core.Data;

namespace ContentGrains.Core.Models.Ranking;

/// <summary>
/// The item side information the hybrid ranker uses: each item's tags (ml-100k's genres, the <c>class</c> column)
/// and year (<c>release_year</c>), by dense item index. Items the file does not list, or cells that are empty or
/// not a number, have no tags and no year (<see cref="float.NaN"/>).
/// </summary>
public sealed class ItemSideInfo
{
    public const string DefaultTagColumn = "class";
    public const string DefaultYearColumn = "release_year";

    private ItemSideInfo(int tagCount, int[][] tags, float[] years)
    {
        TagCount = tagCount;
        this.tags = tags;
        this.years = years;
    }

    private readonly int[][] tags;
    private readonly float[] years;

    public int TagCount { get; }

    public int ItemCount => tags.Length;

    /// <summary>The tag indices of <paramref name="item"/>, ascending.</summary>
    public ReadOnlySpan<int> TagsOf(int item) => tags[item];

    public float YearOf(int item) => years[item];

    /// <summary>No tags and no years: the side features are then constant and the ranker ignores them.</summary>
    public static ItemSideInfo Empty(int itemCount) =>
        new(0, Enumerable.Repeat(Array.Empty<int>(), itemCount).ToArray(), Enumerable.Repeat(float.NaN, itemCount).ToArray());

    /// <summary>Reads tags and years from a RecBole <c>.item</c> file; missing columns give <see cref="Empty"/> parts.</summary>
    public static ItemSideInfo FromItemFile(AtomicFile? file, IdMap items, string tagColumn = DefaultTagColumn, string yearColumn = DefaultYearColumn)
    {
        var result = Empty(items.Count);
        if (file is null)
            return result;
        var idColumn = file.ColumnOf(GivenSplit.ItemField);
        if (idColumn < 0)
            return result;
        var tagsAt = file.ColumnOf(tagColumn);
        var yearAt = file.ColumnOf(yearColumn);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < file.RowCount; row++)
        {
            if (!items.TryGetIndex(file.Token(row, idColumn), out var item))
                continue;
            if (tagsAt >= 0)
            {
                result.tags[item] = file.TokenSequence(row, tagsAt)
                    .Select(tag => vocabulary.TryGetValue(tag, out var index) ? index : vocabulary[tag] = vocabulary.Count)
                    .Distinct().Order().ToArray();
            }
            if (yearAt >= 0 && float.TryParse(file.Token(row, yearAt), NumberStyles.Float, CultureInfo.InvariantCulture, out var year))
                result.years[item] = year;
        }
        return new ItemSideInfo(vocabulary.Count, result.tags, result.years);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(TagCount);
        writer.Write(tags.Length);
        for (var item = 0; item < tags.Length; item++)
        {
            writer.Write(years[item]);
            writer.Write(tags[item].Length);
            foreach (var tag in tags[item])
                writer.Write(tag);
        }
    }

    public static ItemSideInfo Read(BinaryReader reader)
    {
        var tagCount = reader.ReadInt32();
        var itemCount = reader.ReadInt32();
        var tags = new int[itemCount][];
        var years = new float[itemCount];
        for (var item = 0; item < itemCount; item++)
        {
            years[item] = reader.ReadSingle();
            tags[item] = new int[reader.ReadInt32()];
            for (var t = 0; t < tags[item].Length; t++)
                tags[item][t] = reader.ReadInt32();
        }
        return new ItemSideInfo(tagCount, tags, years);
    }
}
