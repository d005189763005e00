using ContentGrains.Core.Catalog;

namespace ContentGrains.Grains;

/// <summary>
/// Applies logged events to the grains they concern: first each item (which answers its tags and popularity),
/// then each user with the tags of the items they touched, then one popularity report to each catalog shard concerned.
/// One call per item and per user per dispatch (which <see cref="DispatchQueue"/> coalesces across requests), not per event.
/// </summary>
public sealed class EventDispatcher(IGrainFactory grains, int catalogShards)
{
    /// <summary>Returns the ids of the items among the events that have no metadata.</summary>
    public async Task<IReadOnlySet<string>> DispatchAsync(IReadOnlyList<LoggedEventMessage> events)
    {
        if (events.Count == 0) return new HashSet<string>();

        var byItem = events.GroupBy(e => e.ItemId, StringComparer.Ordinal).ToList();
        var applied = await Task.WhenAll(byItem.Select(g => grains.GetGrain<IItemEventsGrain>(g.Key).ApplyAsync(g.ToList())));
        var items = new Dictionary<string, ItemApplied>(byItem.Count, StringComparer.Ordinal);
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < byItem.Count; i++)
        {
            items[byItem[i].Key] = applied[i];
            if (!applied[i].Known) unknown.Add(byItem[i].Key);
        }

        await Task.WhenAll(events.GroupBy(e => e.UserId, StringComparer.Ordinal).Select(g =>
            grains.GetGrain<IUserEventsGrain>(g.Key).ApplyAsync(g.Select(e => new TaggedEventMessage(e, items[e.ItemId].Tags)).ToList())));

        var logPosition = events.Max(e => e.Sequence);
        await Task.WhenAll(items
            .Select(kv => new PopularityMessage(kv.Key, kv.Value.TrendValue, kv.Value.TrendAsOfUnixMs, kv.Value.EventsApplied, kv.Value.Windows))
            .GroupBy(report => CatalogSharding.ShardOf(report.ItemId, catalogShards))
            .Select(shard => grains.GetGrain<ICatalogShardGrain>(shard.Key).ReportPopularityAsync(shard.ToList(), logPosition)));
        return unknown;
    }
}
