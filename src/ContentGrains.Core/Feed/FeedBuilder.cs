using ContentGrains.Core.Catalog;

namespace ContentGrains.Core.Feed;

/// <summary>One ranked item with the reason it is in the feed.</summary>
public sealed record RankedItem(string ItemId, double Score, string Reason);

public sealed record FeedSettings
{
    public double InterestWeight { get; init; } = 1.0;
    public double PopularityWeight { get; init; } = 0.5;
    public double FreshnessWeight { get; init; } = 0.3;
    public TimeSpan FreshnessHalfLife { get; init; } = TimeSpan.FromDays(3);
    public int PopularCandidates { get; init; } = 200;
    public int FreshCandidates { get; init; } = 100;
    public int TopInterestTags { get; init; } = 10;
    public int CandidatesPerTag { get; init; } = 200;
}

/// <summary>
/// The first feed: candidates from the popular, fresh and interest-matching items, minus what the person
/// already consumed, scored by a weighted sum of interest match, popularity and freshness.
/// Each item's reason is the part of the score that contributed most.
/// </summary>
public sealed class FeedBuilder(FeedSettings settings)
{
    public const string ModelName = "heuristic-v1";

    public IReadOnlyList<RankedItem> Build(
        CatalogSnapshot catalog,
        IReadOnlyList<KeyValuePair<string, double>> interests,
        IReadOnlySet<string> consumed,
        DateTimeOffset now,
        int count,
        string? channel)
    {
        if (count <= 0 || catalog.Entries.Count == 0) return [];
        var interestByTag = interests.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var maxInterest = interests.Count == 0 ? 0 : interests.Max(kv => Math.Abs(kv.Value));

        var ranked = new List<RankedItem>();
        foreach (var index in Candidates(catalog, interests))
        {
            var entry = catalog.Entries[index];
            if (consumed.Contains(entry.ItemId) || !entry.FitsChannel(channel)) continue;
            ranked.Add(Score(catalog, index, interestByTag, maxInterest, now));
        }
        return ranked
            .OrderByDescending(r => r.Score).ThenBy(r => r.ItemId, StringComparer.Ordinal)
            .Take(count).ToList();
    }

    private HashSet<int> Candidates(CatalogSnapshot catalog, IReadOnlyList<KeyValuePair<string, double>> interests)
    {
        var candidates = new HashSet<int>(catalog.ByPopularity.Take(settings.PopularCandidates));
        candidates.UnionWith(catalog.ByFreshness.Take(settings.FreshCandidates));
        foreach (var (tag, weight) in interests.Where(kv => kv.Value > 0).Take(settings.TopInterestTags))
            if (catalog.ByTag.TryGetValue(tag, out var items))
                candidates.UnionWith(items.Take(settings.CandidatesPerTag));
        return candidates;
    }

    private RankedItem Score(CatalogSnapshot catalog, int index, Dictionary<string, double> interestByTag, double maxInterest, DateTimeOffset now)
    {
        var entry = catalog.Entries[index];
        var (match, bestTag) = InterestMatch(entry, interestByTag, maxInterest);
        var popularity = catalog.MaxPopularity > 0 ? Math.Log(1 + catalog.Popularity[index]) / Math.Log(1 + catalog.MaxPopularity) : 0;
        var freshness = entry.PublishedAt is { } published
            ? Math.Pow(0.5, Math.Max(0, (now - published).TotalHours) / settings.FreshnessHalfLife.TotalHours)
            : 0;

        var parts = new (double Value, string Reason)[]
        {
            (settings.InterestWeight * match, bestTag is null ? "" : $"matches tag {bestTag}"),
            (settings.PopularityWeight * popularity, "popular"),
            (settings.FreshnessWeight * freshness, "fresh"),
        };
        var score = parts.Sum(p => p.Value);
        var strongest = parts.Where(p => p.Reason.Length > 0).MaxBy(p => p.Value);
        var reason = strongest.Value > 0 ? strongest.Reason : "from the catalog";
        return new RankedItem(entry.ItemId, Math.Round(score, 6), reason);
    }

    /// <summary>Sum of the person's interest in the item's tags, relative to their strongest interest; negative after dislikes.</summary>
    private static (double Match, string? BestTag) InterestMatch(CatalogEntry entry, Dictionary<string, double> interestByTag, double maxInterest)
    {
        if (maxInterest <= 0) return (0, null);
        double sum = 0, best = 0;
        string? bestTag = null;
        foreach (var tag in entry.Tags)
        {
            if (!interestByTag.TryGetValue(tag, out var w)) continue;
            sum += w;
            if (w > best) (best, bestTag) = (w, tag);
        }
        return (Math.Clamp(sum / maxInterest, -2, 2), bestTag);
    }
}
