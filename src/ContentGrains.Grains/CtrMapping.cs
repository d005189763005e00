using ContentGrains.Abstractions;
using ContentGrains.Core.Items;
using ContentGrains.Core.Performance;

namespace ContentGrains.Grains;

/// <summary>Between item records and the CTR model's facts.</summary>
public static class CtrMapping
{
    public static CtrTrafficItem TrafficOf(ItemView view)
    {
        var m = view.Metadata;
        var facts = ItemCtrFacts.Of(view.ItemId, m?.Tags, m?.Format, m?.Channels, m?.PublishedAt, m?.Title, m?.Text);
        return new CtrTrafficItem(facts, m?.Creator, new CtrOutcome(Math.Max(view.Stats.Impressions, view.Stats.Clicks), view.Stats.Clicks));
    }

    public static CtrFacts FactsOf(string itemId, ItemInfo? info) =>
        ItemCtrFacts.Of(itemId, info?.Tags, info?.Format, info?.Channels, info?.PublishedAt, info?.Title, info?.Text);
}
