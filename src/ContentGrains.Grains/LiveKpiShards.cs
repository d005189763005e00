using ContentGrains.Abstractions;
using ContentGrains.Core.Kpis;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Grains;

/// <summary>
/// Live KPI shards: called by the event dispatcher, asked and merged by the API. Each tenant counts in shards of its own
/// (key: <see cref="LiveKpiShards.KeyOf(string, int)"/>, "3" for the default tenant's shard 3, "acme/3" for tenant acme's).
/// </summary>
public interface ILiveKpiShardGrain : IGrainWithStringKey
{
    Task ApplyAsync([Immutable] IReadOnlyList<TaggedEventMessage> events);
    Task<LiveKpiShard> GetAsync(string by);
}

/// <summary>A tally's raw sums (mergeable across shards, unlike intervals).</summary>
[GenerateSerializer, Immutable, Alias("cg.LiveTally")]
public sealed record LiveTally(
    [property: Id(0)] string Key, [property: Id(1)] long Events, [property: Id(2)] long Impressions, [property: Id(3)] long Clicks,
    [property: Id(4)] long Conversions, [property: Id(5)] long DwellCount, [property: Id(6)] double DwellMean, [property: Id(7)] double DwellSquaredDeviations)
{
    public static LiveTally Of(string key, KpiTally t) =>
        new(key, t.Events, t.Impressions, t.Clicks, t.Conversions, t.Dwell.Count, t.Dwell.Mean, t.Dwell.SquaredDeviations);

    public KpiTally ToTally() => new()
    {
        Events = Events, Impressions = Impressions, Clicks = Clicks, Conversions = Conversions,
        Dwell = new RunningMoments { Count = DwellCount, Mean = DwellMean, SquaredDeviations = DwellSquaredDeviations },
    };
}

/// <summary>One shard's day: its tallies for one dimension, what its rules left out, events of earlier days it skipped.</summary>
[GenerateSerializer, Immutable, Alias("cg.LiveKpiShard")]
public sealed record LiveKpiShard(
    [property: Id(0)] int Day, [property: Id(1)] LiveTally Overall, [property: Id(2)] IReadOnlyList<LiveTally> Rows,
    [property: Id(3)] IReadOnlyList<TrafficFlagValue> Flags, [property: Id(4)] IReadOnlyDictionary<string, long> ExcludedEventsByReason,
    [property: Id(5)] long IncludedEvents, [property: Id(6)] long FoldedEvents, [property: Id(7)] long LateEvents);

public static class LiveKpiShards
{
    /// <summary>The shard of a person: a stable hash (FNV-1a of the id), the same on every silo.</summary>
    public static int ShardOf(string personId, int shards) => (int)(Core.Data.Fnv1a.Hash(personId) % (uint)shards);

    /// <summary>The key of the tenant's shard <paramref name="shard"/>.</summary>
    public static string KeyOf(string tenant, int shard) =>
        Core.Tenants.TenantKeys.Qualify(tenant, shard.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The key of the shard that counts a person (qualified id): their tenant's shard.</summary>
    public static string ShardKeyOf(string personId, int shards) => KeyOf(Core.Tenants.TenantKeys.TenantOf(personId), ShardOf(personId, shards));

    public static LiveKpiShard Snapshot(LiveKpiDay day, string by)
    {
        var breakdown = day.Kpis.Breakdowns.GetValueOrDefault(by);
        return new LiveKpiShard(day.Day, LiveTally.Of("all", day.Kpis.Overall),
            breakdown?.Tallies.Select(kv => LiveTally.Of(kv.Key, kv.Value)).ToList() ?? [],
            day.Exclusion.Flags.Values.Select(f => f.ToWire()).ToList(), day.Exclusion.ExcludedByReason(), day.Exclusion.IncludedEvents,
            breakdown?.FoldedEvents ?? 0, day.LateEvents);
    }

    /// <summary>The shards' latest day merged into one result with intervals (shards still on an earlier day had no events today).</summary>
    public static KpiBreakdownResult Merge(string by, IReadOnlyList<LiveKpiShard> shards, int maxKeys, double confidence, DateTimeOffset now)
    {
        var today = shards.Count == 0 ? int.MinValue : shards.Max(s => s.Day);
        var current = shards.Where(s => s.Day == today && s.Day != int.MinValue).ToList();
        var overall = new KpiTally();
        var rows = new KpiBreakdown(new KpiDimension(by, _ => []), maxKeys);
        foreach (var shard in current)
        {
            overall.Merge(shard.Overall.ToTally());
            foreach (var row in shard.Rows) rows.Merge(row.Key, row.ToTally());
        }
        var excluded = Enum.GetValues<FlagReason>().ToDictionary(r => r.Name(), r => current.Sum(s => s.ExcludedEventsByReason.GetValueOrDefault(r.Name())));
        var flags = current.SelectMany(s => s.Flags).ToList();
        var summary = new KpiExcluded(flags.Count, Enum.GetValues<FlagReason>().ToDictionary(r => r.Name(), r => flags.Count(f => f.Reason == r.Name())),
            excluded.Values.Sum(), excluded, current.Sum(s => s.IncludedEvents));
        DateTimeOffset? from = current.Count == 0 ? null : new DateTimeOffset(DateOnly.FromDayNumber(today).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var table = KpiTable.Of(rows, confidence);
        return new KpiBreakdownResult(by, from, from?.AddDays(1), ProportionInterval.Method, MeanInterval.Method, KpiRow.Of("all", overall, confidence).ToWire(),
            table.Rows.Select(r => r.ToWire()).ToList(), current.Sum(s => s.FoldedEvents) + rows.FoldedEvents, summary, now, current.Sum(s => s.Overall.Events + s.LateEvents) + summary.ExcludedEvents);
    }
}
