using ContentGrains.Core.Catalog;

namespace ContentGrains.Grains;

/// <summary>
/// Applies logged events to the grains they concern: first each item (which answers its tags and popularity),
/// then each user with the tags of the items they touched, then one popularity report to each catalog shard concerned.
/// One call per item and per user per dispatch (which <see cref="DispatchQueue"/> coalesces across requests), not per event.
/// The users' events also go, with their items' tags, to the live KPI shards (one call per shard concerned).
/// Events with a text (comments) go, with their items' tags, to <paramref name="texts"/> (the sentiment worker's queue,
/// which returns at once).
/// <para>
/// A grain that cannot be reached (its silo lost, its store down) fails only its own events: the outcome names them,
/// per stage, so a retry goes to exactly the grains that missed them. A retry to every grain would apply an event a
/// second time at a grain whose applied-sequence window has since moved past it.
/// </para>
/// <para>
/// At most <paramref name="callsInFlight"/> item or user calls are outstanding at once (<see cref="Attempt.RunAllAsync{TInput}"/>):
/// a dispatch of 50,000 events to new people used to start 40,000 calls together, each an activation reading the store,
/// and under load the last of them passed Orleans' 30 s response timeout.
/// </para>
/// </summary>
public sealed class EventDispatcher(IGrainFactory grains, int catalogShards, int liveKpiShards, int callsInFlight,
    Action<IReadOnlyList<CommentText>>? texts = null)
{
    public async Task<DispatchOutcome> DispatchAsync(IReadOnlyList<LoggedEventMessage> events)
    {
        if (events.Count == 0) return DispatchOutcome.None;

        var byItem = events.GroupBy(e => e.ItemId, StringComparer.Ordinal).ToList();
        var applied = await Attempt.RunAllAsync(byItem, g => grains.GetGrain<IItemEventsGrain>(g.Key).ApplyAsync(g.ToList()), callsInFlight);
        var items = new Dictionary<string, ItemApplied>(byItem.Count, StringComparer.Ordinal);
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        var itemsPending = new List<LoggedEventMessage>();
        for (var i = 0; i < byItem.Count; i++)
        {
            if (applied[i].Value is not { } item) { itemsPending.AddRange(byItem[i]); continue; }
            items[byItem[i].Key] = item;
            if (!item.Known) unknown.Add(byItem[i].Key);
        }

        var tagged = events.Where(e => items.ContainsKey(e.ItemId)).Select(e => new TaggedEventMessage(e, items[e.ItemId].Tags)).ToList();
        // Texts of events whose items answered now; an item retried later hands its events' texts over then.
        texts?.Invoke(tagged.Where(t => !string.IsNullOrWhiteSpace(t.Event.Text))
            .Select(t => new CommentText(t.Event.ItemId, t.ItemTags, t.Event.Timestamp, t.Event.Text!)).ToList());
        var (usersPending, userError) = await ApplyToUsersAsync(tagged, liveKpis: true);
        await ReportPopularityAsync(items, events.Max(e => e.Sequence));
        return new DispatchOutcome(unknown, itemsPending, usersPending, applied.Select(a => a.Error).FirstOrDefault(e => e is not null) ?? userError);
    }

    /// <summary>The user stage alone (for a retry of events whose items already applied them); returns the events of the users that failed.</summary>
    /// <param name="liveKpis">
    /// False for a retry: the live KPI shards (in memory, approximate, recomputed from the log by the KPI job) got
    /// these events with the first attempt, and count what they get.
    /// </param>
    public async Task<(IReadOnlyList<TaggedEventMessage> Pending, Exception? Error)> ApplyToUsersAsync(IReadOnlyList<TaggedEventMessage> tagged, bool liveKpis)
    {
        var byUser = tagged.GroupBy(t => t.Event.UserId, StringComparer.Ordinal).ToList();
        var users = Attempt.RunAllAsync(byUser, g => grains.GetGrain<IUserEventsGrain>(g.Key).ApplyAsync(g.ToList()), callsInFlight);
        var kpis = liveKpis
            ? Task.WhenAll(byUser.GroupBy(g => LiveKpiShards.ShardKeyOf(g.Key, liveKpiShards), StringComparer.Ordinal).Select(shard =>
                Attempt.RunAsync(() => grains.GetGrain<ILiveKpiShardGrain>(shard.Key).ApplyAsync(shard.SelectMany(g => g).ToList()))))
            : Task.FromResult(Array.Empty<Attempt.Result<bool>>());
        var results = await users;
        await kpis; // a shard that missed events undercounts the live view until the KPI job recomputes the day
        var pending = byUser.Where((_, i) => results[i].Error is not null).SelectMany(g => g).ToList();
        return (pending, results.Select(r => r.Error).FirstOrDefault(e => e is not null));
    }

    /// <summary>Absolute values, so a report that fails is simply superseded by the next one for the shard.</summary>
    private async Task ReportPopularityAsync(Dictionary<string, ItemApplied> items, long logPosition) =>
        await Task.WhenAll(items
            .Select(kv => new PopularityMessage(kv.Key, kv.Value.TrendValue, kv.Value.TrendAsOfUnixMs, kv.Value.EventsApplied, kv.Value.Windows))
            .GroupBy(report => CatalogSharding.ShardOf(report.ItemId, catalogShards))
            .Select(shard => Attempt.RunAsync(() => grains.GetGrain<ICatalogShardGrain>(shard.Key).ReportPopularityAsync(shard.ToList(), logPosition))));
}
