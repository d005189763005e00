using ContentGrains.Core.Catalog;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>Builds catalog entries and snapshots for feed tests: popularity is exact at <see cref="Now"/>.</summary>
public static class FeedCatalog
{
    public static readonly DateTimeOffset Now = Given.T0;
    public static readonly TimeSpan TrendHalfLife = TimeSpan.FromDays(1);

    /// <summary>An entry whose popularity at <see cref="Now"/> is exactly <paramref name="popularity"/>.</summary>
    public static CatalogEntry Item(string id, double popularity = 0, string[]? tags = null, string[]? channels = null,
        double? publishedHoursAgo = null, long events = 100, string? title = null) =>
        new(id, tags ?? [], channels ?? [], publishedHoursAgo is { } h ? Now.AddHours(-h) : null,
            popularity == 0 ? default : new DecayingValue { Value = popularity, AsOfUnixMs = Now.ToUnixTimeMilliseconds() },
            events, title);

    public static CatalogSnapshot Snapshot(params CatalogEntry[] items) => new(1, items, Now, TrendHalfLife);

    public static KeyValuePair<string, double>[] Interests(params (string Tag, double Value)[] values) =>
        values.Select(v => KeyValuePair.Create(v.Tag, v.Value)).ToArray();
}
