using ContentGrains.Core.Catalog;
using ContentGrains.Core.Tenants;
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
    // One view per tenant (Core.Tenants.TenantKeys): the shards hold every tenant's entries under qualified ids, and
    // each entry goes to its tenant's view, so a feed or a trending list never sees another tenant's items.
    private readonly Dictionary<string, CatalogView> views = new(StringComparer.Ordinal);
    private readonly (long Epoch, long Version)[] held;
    private readonly CatalogSnapshot empty;
    private IReadOnlyDictionary<string, CatalogSnapshot> snapshots = new Dictionary<string, CatalogSnapshot>();

    public CatalogCache(IGrainFactory grains, IOptions<EngineOptions> options, TimeProvider clock, ILogger<CatalogCache> logger)
    {
        (this.grains, this.options, this.clock, this.logger) = (grains, options, clock, logger);
        schedule = new RefreshSchedule(clock);
        held = new (long, long)[options.Value.CatalogShards];
        empty = NewView().Publish(clock.GetUtcNow());
    }

    private CatalogView NewView() =>
        new(options.Value.TrendHalfLife, options.Value.CatalogView with { UnderExposedMaxEvents = options.Value.Feed.ExplorationMaxEvents });

    /// <summary>True once every shard has answered at least once: the view holds the whole catalog.</summary>
    public bool Synced { get; private set; }
    /// <summary>Entries received as deltas and in full resyncs, since the silo started (for tests and metrics).</summary>
    public long DeltaEntries { get; private set; }
    public long FullResyncs { get; private set; }
    public long ResyncedEntries { get; private set; }

    /// <summary>The default tenant's snapshot held now, without a refresh: for what only needs the items the view knows (shared id strings).</summary>
    public CatalogSnapshot Current => CurrentOf(TenantKeys.Default);

    /// <summary>The tenant's snapshot held now, without a refresh (empty for a tenant with no items yet).</summary>
    public CatalogSnapshot CurrentOf(string tenant) => snapshots.GetValueOrDefault(tenant, empty);

    /// <summary>The default tenant's catalog.</summary>
    /// <param name="fresh">Ask the shards now, however recent the view (each answers "unchanged" cheaply).</param>
    public ValueTask<CatalogSnapshot> GetAsync(bool fresh = false) => GetAsync(TenantKeys.Default, fresh);

    /// <summary>The tenant's catalog, refreshed as <see cref="GetAsync(bool)"/> says.</summary>
    public async ValueTask<CatalogSnapshot> GetAsync(string tenant, bool fresh = false)
    {
        if (fresh || !Synced) await schedule.RunIfDueAsync(fresh ? TimeSpan.Zero : options.Value.CatalogRefresh, RefreshAsync);
        else // a shard that cannot answer (its store down) leaves the view held serving feeds
            await schedule.RunOrKeepAsync(options.Value.CatalogRefresh, RefreshAsync,
                error => logger.LogWarning(error, "Could not refresh the catalog view; the view held keeps serving"));
        return CurrentOf(tenant);
    }

    private async Task RefreshAsync()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, held.Length).Select(shard =>
            grains.GetGrain<ICatalogShardGrain>(shard).GetChangesAsync(held[shard].Epoch, held[shard].Version)));
        for (var shard = 0; shard < answers.Length; shard++)
            if (answers[shard] is { } changes) Apply(shard, changes);
        Synced = true;
        var now = clock.GetUtcNow();
        snapshots = views.ToDictionary(v => v.Key, v => v.Value.Publish(now), StringComparer.Ordinal);
    }

    private void Apply(int shard, CatalogChanges changes)
    {
        foreach (var tenant in changes.Entries.GroupBy(e => TenantKeys.TenantOf(e.ItemId), StringComparer.Ordinal))
        {
            if (!views.TryGetValue(tenant.Key, out var view)) views[tenant.Key] = view = NewView();
            view.ApplyAll(tenant.Select(e => e.ToEntry()));
        }
        held[shard] = (changes.Epoch, changes.Version);
        if (changes.Full)
        {
            FullResyncs++;
            ResyncedEntries += changes.Entries.Count;
        }
        else DeltaEntries += changes.Entries.Count;
    }
}
