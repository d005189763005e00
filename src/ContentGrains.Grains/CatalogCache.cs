using ContentGrains.Core.Catalog;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's copy of the catalog, refreshed from <see cref="ICatalogGrain"/> when older than
/// <see cref="EngineOptions.CatalogRefresh"/>, so feed requests do not all queue on one grain.
/// </summary>
public sealed class CatalogCache(IGrainFactory grains, IOptions<EngineOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private CatalogSnapshot snapshot = CatalogSnapshot.Empty;
    private DateTimeOffset fetchedAt = DateTimeOffset.MinValue;

    /// <param name="fresh">Ask the catalog grain now, however recent the copy (it answers "unchanged" cheaply).</param>
    public async ValueTask<CatalogSnapshot> GetAsync(bool fresh = false)
    {
        var maxAge = fresh ? TimeSpan.Zero : options.Value.CatalogRefresh;
        var asked = clock.GetUtcNow();
        if (asked - fetchedAt < maxAge) return snapshot;
        await refreshing.WaitAsync();
        try
        {
            var now = clock.GetUtcNow();
            if (fetchedAt > asked || now - fetchedAt < maxAge) return snapshot; // another request refreshed it meanwhile
            var changed = await grains.GetGrain<ICatalogGrain>(0).GetIfChangedAsync(snapshot.Version);
            if (changed is not null)
                snapshot = new CatalogSnapshot(changed.Version, changed.Entries.Select(e => e.ToEntry()).ToList(), now, options.Value.TrendHalfLife);
            fetchedAt = now;
            return snapshot;
        }
        finally
        {
            refreshing.Release();
        }
    }
}
