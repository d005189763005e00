using ContentGrains.Core.Catalog;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's copy of the catalog, refreshed from <see cref="ICatalogGrain"/> when older than
/// <see cref="EngineOptions.CatalogRefresh"/>, so feed requests do not all queue on one grain.
/// </summary>
public sealed class CatalogCache(IGrainFactory grains, IOptions<EngineOptions> options, TimeProvider clock)
{
    private readonly RefreshSchedule schedule = new(clock);
    private CatalogSnapshot snapshot = CatalogSnapshot.Empty;

    /// <param name="fresh">Ask the catalog grain now, however recent the copy (it answers "unchanged" cheaply).</param>
    public async ValueTask<CatalogSnapshot> GetAsync(bool fresh = false)
    {
        await schedule.RunIfDueAsync(fresh ? TimeSpan.Zero : options.Value.CatalogRefresh, async () =>
        {
            var changed = await grains.GetGrain<ICatalogGrain>(0).GetIfChangedAsync(snapshot.Version);
            if (changed is not null)
                snapshot = new CatalogSnapshot(changed.Version, changed.Entries.Select(e => e.ToEntry()).ToList(), clock.GetUtcNow(), options.Value.TrendHalfLife);
        });
        return snapshot;
    }
}
