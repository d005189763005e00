namespace ContentGrains.Core.Catalog;

/// <summary>
/// A read-only view of the catalog with the orderings a feed needs precomputed: most popular, freshest,
/// and items by tag. Built once per refresh and shared by every feed request on a silo.
/// </summary>
public sealed class CatalogSnapshot
{
    public static readonly CatalogSnapshot Empty = new(0, [], DateTimeOffset.UnixEpoch, TimeSpan.FromDays(1));

    public long Version { get; }
    public DateTimeOffset BuiltAt { get; }
    public IReadOnlyList<CatalogEntry> Entries { get; }
    /// <summary>Indices into <see cref="Entries"/>, most popular first.</summary>
    public int[] ByPopularity { get; }
    /// <summary>Indices of entries with a publish time, newest first.</summary>
    public int[] ByFreshness { get; }
    /// <summary>Popularity decayed to <see cref="BuiltAt"/>, per entry.</summary>
    public double[] Popularity { get; }
    public double MaxPopularity { get; }
    public IReadOnlyDictionary<string, int[]> ByTag { get; }
    private readonly Dictionary<string, int> indexById;

    public CatalogSnapshot(long version, IReadOnlyList<CatalogEntry> entries, DateTimeOffset builtAt, TimeSpan trendHalfLife)
    {
        Version = version;
        BuiltAt = builtAt;
        Entries = entries;
        Popularity = entries.Select(e => e.Trend.ValueAt(builtAt, trendHalfLife)).ToArray();
        MaxPopularity = Popularity.Length == 0 ? 0 : Popularity.Max();
        ByPopularity = Enumerable.Range(0, entries.Count)
            .OrderByDescending(i => Popularity[i]).ThenBy(i => entries[i].ItemId, StringComparer.Ordinal).ToArray();
        ByFreshness = Enumerable.Range(0, entries.Count).Where(i => entries[i].PublishedAt is not null)
            .OrderByDescending(i => entries[i].PublishedAt).ThenBy(i => entries[i].ItemId, StringComparer.Ordinal).ToArray();
        ByTag = Enumerable.Range(0, entries.Count)
            .SelectMany(i => entries[i].Tags.Select(t => (Tag: t, Index: i)))
            .GroupBy(x => x.Tag, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Index).OrderByDescending(i => Popularity[i]).ThenBy(i => entries[i].ItemId, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        indexById = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++) indexById[entries[i].ItemId] = i;
    }

    public CatalogEntry? Find(string itemId) => indexById.TryGetValue(itemId, out var i) ? Entries[i] : null;
}
