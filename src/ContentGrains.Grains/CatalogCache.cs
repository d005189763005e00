using ContentGrains.Core.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's view of the catalog (<see cref="CatalogView"/>), refreshed when older than
/// <see cref="EngineOptions.CatalogRefresh"/> by asking every shard for the entries changed since the version this
/// silo holds: a refresh costs one small call per shard plus the changed entries, never a copy of the catalog
/// (except a shard's full resync on start, after that shard restarted, or when this silo fell behind its change log).
/// </summary>
public sealed class CatalogCache
{
    private readonly IGrainFactory grains;
    private readonly IOptions<EngineOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<CatalogCache> logger;
    private readonly RefreshSchedule schedule;
    private readonly CatalogView view;
    private readonly (long Epoch, long Version)[] held;
    private CatalogSnapshot snapshot;

    public CatalogCache(IGrainFactory grains, IOptions<EngineOptions> options, TimeProvider clock, ILogger<CatalogCache> logger)
    {
        (this.grains, this.options, this.clock, this.logger) = (grains, options, clock, logger);
        schedule = new RefreshSchedule(clock);
        view = new CatalogView(options.Value.TrendHalfLife, options.Value.CatalogView with { UnderExposedMaxEvents = options.Value.Feed.ExplorationMaxEvents });
        held = new (long, long)[options.Value.CatalogShards];
        snapshot = view.Publish(clock.GetUtcNow());
    }

    /// <summary>True once every shard has answered at least once: the view holds the whole catalog.</summary>
    public bool Synced { get; private set; }
    /// <summary>Entries received as deltas and in full resyncs, since the silo started (for tests and metrics).</summary>
    public long DeltaEntries { get; private set; }
    public long FullResyncs { get; private set; }
    public long ResyncedEntries { get; private set; }

    /// <summary>The snapshot held now, without a refresh: for what only needs the items the view knows (shared id strings).</summary>
    public CatalogSnapshot Current => snapshot;

    /// <param name="fresh">Ask the shards now, however recent the view (each answers "unchanged" cheaply).</param>
    public async ValueTask<CatalogSnapshot> GetAsync(bool fresh = false)
    {
        if (fresh || !Synced) await schedule.RunIfDueAsync(fresh ? TimeSpan.Zero : options.Value.CatalogRefresh, RefreshAsync);
        else // a shard that cannot answer (its store down) leaves the view held serving feeds
            await schedule.RunOrKeepAsync(options.Value.CatalogRefresh, RefreshAsync,
                error => logger.LogWarning(error, "Could not refresh the catalog view; the view held keeps serving"));
        return snapshot;
    }

    private async Task RefreshAsync()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, held.Length).Select(shard =>
            grains.GetGrain<ICatalogShardGrain>(shard).GetChangesAsync(held[shard].Epoch, held[shard].Version)));
        for (var shard = 0; shard < answers.Length; shard++)
            if (answers[shard] is { } changes) Apply(shard, changes);
        Synced = true;
        snapshot = view.Publish(clock.GetUtcNow());
    }

    private void Apply(int shard, CatalogChanges changes)
    {
        view.ApplyAll(changes.Entries.Select(e => e.ToEntry()));
        held[shard] = (changes.Epoch, changes.Version);
        if (changes.Full)
        {
            FullResyncs++;
            ResyncedEntries += changes.Entries.Count;
        }
        else DeltaEntries += changes.Entries.Count;
    }
}
