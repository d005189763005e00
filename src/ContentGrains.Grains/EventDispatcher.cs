using ContentGrains.Core.Catalog;

namespace ContentGrains.Grains;

/// <summary>
/// Applies logged events to the grains they concern: first each item (which answers its tags and popularity),
/// then each user with the tags of the items they touched, then one popularity report to each catalog shard concerned.
/// One call per item and per user per dispatch (which <see cref="DispatchQueue"/> coalesces across requests), not per event.
/// The users' events also go, with their items' tags, to the live KPI shards (one call per shard concerned).
/// </summary>
public sealed class EventDispatcher(IGrainFactory grains, int catalogShards, int liveKpiShards)
{
    /// <summary>Returns the ids of the items among the events that have no metadata.</summary>
    /// <param name="liveKpis">
    /// False for a retry: user and item grains apply each log sequence once, but the live KPI shards (in memory,
    /// approximate, recomputed from the log by the KPI job) count what they get.
    /// </param>
    public async Task<IReadOnlySet<string>> DispatchAsync(IReadOnlyList<LoggedEventMessage> events, bool liveKpis = true)
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

        var byUser = events.GroupBy(e => e.UserId, StringComparer.Ordinal).ToList();
        await Task.WhenAll(byUser.Select(g =>
            grains.GetGrain<IUserEventsGrain>(g.Key).ApplyAsync(g.Select(e => new TaggedEventMessage(e, items[e.ItemId].Tags)).ToList()))
            .Concat(byUser.Where(_ => liveKpis).GroupBy(g => LiveKpiShards.ShardOf(g.Key, liveKpiShards)).Select(shard =>
                grains.GetGrain<ILiveKpiShardGrain>(shard.Key).ApplyAsync(shard.SelectMany(g => g).Select(e => new TaggedEventMessage(e, items[e.ItemId].Tags)).ToList()))));

        var logPosition = events.Max(e => e.Sequence);
        await Task.WhenAll(items
            .Select(kv => new PopularityMessage(kv.Key, kv.Value.TrendValue, kv.Value.TrendAsOfUnixMs, kv.Value.EventsApplied, kv.Value.Windows))
            .GroupBy(report => CatalogSharding.ShardOf(report.ItemId, catalogShards))
            .Select(shard => grains.GetGrain<ICatalogShardGrain>(shard.Key).ReportPopularityAsync(shard.ToList(), logPosition)));
        return unknown;
    }
}
