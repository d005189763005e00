using ContentGrains.Core.Kpis;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Live KPIs of the current day for the persons of one tenant's shard (key: <see cref="LiveKpiShards.KeyOf(string, int)"/>;
/// persons spread by <see cref="LiveKpiShards.ShardOf"/>), fed by the event dispatcher. Held in memory only: a restart empties them until
/// the next events, and the KPI job recomputes the day from the log.
/// </summary>
public sealed class LiveKpiShardGrain(IOptions<EngineOptions> options) : Grain, ILiveKpiShardGrain
{
    private readonly LiveKpiDay day = new(options.Value.Kpis.Traffic, options.Value.Kpis.MaxKeysPerDimension);

    public Task ApplyAsync(IReadOnlyList<TaggedEventMessage> events)
    {
        foreach (var tagged in events) day.Add(tagged.Event.ToInteraction(), tagged.ItemTags);
        return Task.CompletedTask;
    }

    public Task<LiveKpiShard> GetAsync(string by) => Task.FromResult(LiveKpiShards.Snapshot(day, by));
}
