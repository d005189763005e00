using ContentGrains.Abstractions;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Tenants;
using Orleans.Concurrency;

namespace ContentGrains.Grains;

/// <summary>
/// Similar items, trending lists and association rules, answered on whichever silo takes the call from that silo's catalog, model and
/// rules copies (stateless worker: no single grain to queue on).
/// </summary>
[StatelessWorker]
public sealed class DiscoveryGrain(CatalogCache catalog, ModelCache models, RuleBookCache rules) : Grain, IDiscoveryGrain
{
    public async Task<ItemList?> GetSimilarAsync(string itemId, int count, string? channel)
    {
        var model = await models.GetAsync(TenantKeys.TenantOf(itemId)); // the item's tenant's model only
        var similar = SimilarItems.Find(await catalog.GetAsync(TenantKeys.TenantOf(itemId)), model, itemId, count, channel);
        return similar is null ? null : new ItemList(itemId, similar.Select(ToFeedItem).ToList(), FeedPipeline.NameOf(model));
    }

    public async Task<ItemList> GetTrendingAsync(string tenant, int count, string? channel, FeedFilter? filter = null)
    {
        var section = Core.Candidates.ItemFilter.Of(filter?.Tags, filter?.ExcludeTags, filter?.Formats);
        var trending = SimilarItems.Trending(await catalog.GetAsync(tenant), count, channel, section);
        return new ItemList("trending", trending.Select(ToFeedItem).ToList(), "trend");
    }

    public async Task<AlsoList> GetAlsoAsync(string itemId, int count)
    {
        var tenant = TenantKeys.TenantOf(itemId); // the tenant's own rules: its items are the only ones its rules name
        var book = rules.CurrentOf(tenant) ?? await rules.RefreshAsync(tenant);
        var found = book?.Also(itemId, count) ?? [];
        return new AlsoList(itemId, found.Select(r => new AlsoRule(r.If, r.Then[0], r.Count, r.Support, r.Confidence, r.Lift)).ToList(), book?.Version);
    }

    private static FeedItem ToFeedItem(RankedItem r) => new(r.ItemId, r.Score, r.Reason);
}
