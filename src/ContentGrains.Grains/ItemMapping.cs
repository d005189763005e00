using ContentGrains.Abstractions;
using ContentGrains.Core.Items;

namespace ContentGrains.Grains;

/// <summary>Between the public item records and Core's.</summary>
public static class ItemMapping
{
    public static ItemInput ToInput(ItemMetadata m) =>
        new(m.Title, m.Text, m.Tags?.ToList(), m.Format, m.Creator, m.PublishedAt, m.Channels?.ToList(),
            VariantMapping.ToInputs(m.Variants));

    public static ItemMetadata ToMetadata(ItemInfo i) => new()
    {
        Title = i.Title,
        Text = i.Text,
        Tags = i.Tags.ToList(),
        Format = i.Format,
        Creator = i.Creator,
        PublishedAt = i.PublishedAt,
        Channels = i.Channels.ToList(),
        Variants = VariantMapping.ToSpecs(i.Variants),
    };

    /// <summary>The item's statistics, its CTR smoothed toward <paramref name="prior"/> (<see cref="CtrModelCache.ItemPrior"/>).</summary>
    public static ItemStats ToStats(ItemCounters c, Core.Performance.CtrPrior prior) => new()
    {
        Impressions = c.Impressions,
        Views = c.Views,
        Clicks = c.Clicks,
        Likes = c.Likes,
        Shares = c.Shares,
        Comments = c.Comments,
        Dislikes = c.Dislikes,
        Conversions = c.Conversions,
        DwellSeconds = c.DwellSeconds,
        SmoothedCtr = Math.Round(c.SmoothedCtr(prior), 6),
    };
}
