using ContentGrains.Core.Tenants;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Grains;

/// <summary>
/// The stored item text vectors for a training run, read in pages of <see cref="PageSize"/> (never one query over the
/// whole table). What they hold is the run's: 384 floats per item with text (1.5 KB), 150 MB at 100,000 items.
/// </summary>
public static class ItemTextVectorPages
{
    public const int PageSize = 1000;

    public static async Task<IReadOnlyDictionary<string, float[]>> ReadAllAsync(IItemVectorStore store, CancellationToken cancellation)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = await store.ReadPageAsync(after, PageSize, cancellation);
            foreach (var row in page) vectors[row.ItemId] = row.Vector;
            if (page.Count < PageSize) return vectors;
            after = page[^1].ItemId;
        }
    }

    /// <summary>
    /// One tenant's vectors (ids qualified "tenant/id", Core.Tenants.TenantKeys), read by key range: a tenant's ids are
    /// contiguous in the store's byte order, so its pages start after "tenant/" and stop at the first id past its prefix.
    /// The default tenant's ids hold no '/': a page that meets another tenant's ids skips past them ("t/~" sorts after
    /// every "t/…" id, whose characters are ASCII letters, digits and _ - . : @), so no tenant's rows are read to be dropped.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, float[]>> ReadAllAsync(IItemVectorStore store, string tenant, CancellationToken cancellation)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var after = tenant.Length == 0 ? null : TenantKeys.Qualify(tenant, "");
        while (true)
        {
            var page = await store.ReadPageAsync(after, PageSize, cancellation);
            var skipped = false;
            foreach (var row in page)
            {
                var owner = TenantKeys.TenantOf(row.ItemId);
                if (owner == tenant)
                {
                    vectors[row.ItemId] = row.Vector;
                    after = row.ItemId;
                }
                else if (tenant.Length > 0) return vectors; // past the tenant's prefix
                else
                {
                    after = TenantKeys.Qualify(owner, "~");
                    skipped = true;
                    break;
                }
            }
            if (!skipped && page.Count < PageSize) return vectors;
        }
    }
}
