using ContentGrains.Core.Click;

namespace ContentGrains.Core.Catalog;

/// <summary>
/// How the crowd answers an item when it is shown: its engagements per impression (all people, all time, from the
/// items' own counters, <see cref="RecentWindows"/>) against the catalog's overall rate. It is what the engine knows of
/// a person before their first engagement: nothing of their own, so the best bet is what people in general take.
/// A tag's rate is shrunk toward the overall rate by <see cref="TagPriorImpressions"/>, and an item's toward its tags'
/// mean rate by <see cref="ItemPriorImpressions"/>: a tag is seen often enough to be measured, an item of a few dozen
/// impressions mostly is not, so it borrows from its tags until it is.
/// Lift = item rate ÷ overall rate: 1 when nothing sets the item apart, or before the crowd has engaged at all.
/// </summary>
public sealed class CrowdResponse
{
    /// <summary>Imaginary impressions at the overall rate every tag starts with.</summary>
    public const double TagPriorImpressions = 50;

    /// <summary>Imaginary impressions at its tags' rate every item starts with (the smoothed CTR's 20).</summary>
    public const double ItemPriorImpressions = 20;

    public static readonly CrowdResponse None = new(new Dictionary<string, WindowCount>(StringComparer.Ordinal), default);

    private readonly IReadOnlyDictionary<string, WindowCount> byTag;
    private readonly double overall;
    private readonly Lazy<IReadOnlyList<KeyValuePair<string, double>>> tagsByLift;

    /// <param name="byTag">Impressions and engagements of each tag's items (an item counts once for each of its tags).</param>
    /// <param name="total">Impressions and engagements of every item.</param>
    public CrowdResponse(IReadOnlyDictionary<string, WindowCount> byTag, WindowCount total)
    {
        this.byTag = byTag;
        Total = total;
        overall = total.Impressions > 0 ? total.Clicks / total.Impressions : 0;
        tagsByLift = new(() => byTag.Keys
            .Select(tag => KeyValuePair.Create(tag, TagRate(tag) / overall))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>True once the crowd has engaged with something, so lifts other than 1 are possible.</summary>
    public bool Known => overall > 0;

    public WindowCount Total { get; }

    /// <summary>A tag's engagements per impression, shrunk toward the overall rate.</summary>
    public double TagRate(string tag)
    {
        var counts = byTag.GetValueOrDefault(tag);
        return (counts.Clicks + TagPriorImpressions * overall) / (counts.Impressions + TagPriorImpressions);
    }

    /// <summary>The item's lift over the overall rate: its own rate shrunk toward its tags' mean rate; 1 before the crowd is known.</summary>
    public double LiftOf(CatalogEntry entry)
    {
        if (!Known) return 1;
        var prior = PriorRate(entry.Tags);
        var clicks = entry.Windows?.TotalClicks ?? 0;
        var impressions = entry.Windows?.TotalImpressions ?? 0;
        return (clicks + ItemPriorImpressions * prior) / (impressions + ItemPriorImpressions) / overall;
    }

    /// <summary>Tags by the crowd's lift, highest first (computed once per snapshot, on first use); empty before the crowd is known.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> TagsByLift => Known ? tagsByLift.Value : [];

    private double PriorRate(IReadOnlyList<string> tags)
    {
        if (tags.Count == 0) return overall;
        var sum = 0.0;
        for (var i = 0; i < tags.Count; i++) sum += TagRate(tags[i]);
        return sum / tags.Count;
    }
}
