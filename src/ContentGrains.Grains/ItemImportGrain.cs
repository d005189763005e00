using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Tenants;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace ContentGrains.Grains;

/// <summary>
/// Bulk item import: each item grain stores its metadata, then each catalog shard takes its new entries in one write,
/// then this silo's catalog view pulls them, so the next feed this silo serves can show them (read-your-writes for the
/// client that imported them; other silos see them within <see cref="EngineOptions.CatalogRefresh"/>).
/// </summary>
// Reentrant: a worker holds no state, and while one batch waits on the log others can join the same group commit.
[StatelessWorker, Reentrant]
public sealed class ItemImportGrain(IOptions<EngineOptions> options, CatalogCache catalog) : Grain, IItemImportGrain
{
    public Task<ImportResult> PutManyAsync(IReadOnlyList<ItemUpsert> items) => PutManyForAsync(TenantKeys.Default, items);

    public async Task<ImportResult> PutManyForAsync(string tenant, IReadOnlyList<ItemUpsert> items)
    {
        if (items.Count > ContentGrainsNames.MaxItemsPerBatch)
            throw new ArgumentException($"a batch holds at most {ContentGrainsNames.MaxItemsPerBatch} items, got {items.Count}", nameof(items));

        var rejected = new List<Rejection>();
        var calls = new List<(int Index, Task<ItemStored> Stored)>();
        for (var i = 0; i < items.Count; i++)
        {
            var idProblem = EventValidator.CheckId("itemId", items[i].ItemId);
            if (idProblem is not null) rejected.Add(new Rejection(i, idProblem.Field, idProblem.Reason));
            else calls.Add((i, GrainFactory.GetGrain<IItemEventsGrain>(TenantKeys.Qualify(tenant, items[i].ItemId!)).StoreAsync(items[i].Metadata)));
        }
        await Task.WhenAll(calls.Select(c => c.Stored));

        var entries = new List<CatalogEntryMessage>();
        foreach (var (index, call) in calls)
        {
            var stored = call.Result;
            if (stored.Entry is not null) entries.Add(stored.Entry);
            rejected.AddRange(stored.Errors.Select(e => new Rejection(index, e.Field, e.Reason)));
        }
        var shards = options.Value.CatalogShards;
        await Task.WhenAll(entries.GroupBy(e => CatalogSharding.ShardOf(e.ItemId, shards))
            .Select(g => GrainFactory.GetGrain<ICatalogShardGrain>(g.Key).UpsertAsync(g.ToList())));
        if (entries.Count > 0) await catalog.GetAsync(tenant, fresh: true);
        return new ImportResult(entries.Count, rejected.OrderBy(r => r.Index).ToList());
    }
}
