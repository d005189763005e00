using ContentGrains.Abstractions;
using ContentGrains.Core.Catalog;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// The sharded catalog: item writes reach only their shard, silos' views follow by deltas, a silo that fell behind
/// the change log resyncs, and shard state survives a restart.
/// </summary>
public sealed class CatalogShardTests : IDisposable
{
    private const int Shards = 4;
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private static Task<EngineCluster> StartAsync(TempDirectory folder, int silos = 1, int changeLog = 20_000) =>
        EngineCluster.StartAsync(folder, configure: o => (o.CatalogShards, o.CatalogChangeLog) = (Shards, changeLog), silos: silos);

    private static async Task PutAsync(EngineCluster engine, params string[] ids)
    {
        var result = await engine.Grains.GetGrain<IItemImportGrain>(0).PutManyAsync(
            ids.Select(id => new ItemUpsert(id, Item(id.ToUpperInvariant(), "tag-" + id[^1]))).ToList());
        Assert.Equal(ids.Length, result.Stored);
    }

    private static string[] Items(int count, string prefix = "item") => Enumerable.Range(0, count).Select(i => $"{prefix}{i:D3}").ToArray();

    [Fact]
    public async Task Item_writes_reach_only_the_shard_that_holds_the_item()
    {
        await using var engine = await StartAsync(folder);
        var items = Items(40);
        await PutAsync(engine, items);

        var statuses = await Task.WhenAll(Enumerable.Range(0, Shards).Select(s => engine.Grains.GetGrain<ICatalogShardGrain>(s).GetStatusAsync()));

        var expected = items.CountBy(id => CatalogSharding.ShardOf(id, Shards)).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(Enumerable.Range(0, Shards).Select(s => expected.GetValueOrDefault(s)), statuses.Select(s => s.Items));
        Assert.All(statuses, s => Assert.True(s.Items < 40, "every shard holds a part of the catalog, not all of it"));
    }

    [Fact]
    public async Task Changes_reach_another_silos_view_as_deltas_after_one_full_sync()
    {
        await using var engine = await StartAsync(folder, silos: 2);
        await PutAsync(engine, Items(20));
        var other = engine.SiloService<CatalogCache>(1);
        var first = await other.GetAsync(fresh: true);
        Assert.Equal(20, first.Entries.Count);
        var (fullSyncs, resynced, deltas) = (other.FullResyncs, other.ResyncedEntries, other.DeltaEntries);

        // A new item through silo 0's client, and events that change one item's popularity.
        await PutAsync(engine, "late");
        var ingest = await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync(
            Enumerable.Range(0, 3).Select(i => E($"e{i}", $"u{i}", "item007", "like")).ToList());
        Assert.Equal(3, ingest.Accepted);
        var second = await other.GetAsync(fresh: true);

        Assert.Equal(21, second.Entries.Count);
        Assert.Equal("LATE", second.Find("late")!.Title);
        Assert.Equal(3, second.Find("item007")!.EventsApplied);
        Assert.Equal("item007", second.Entries[second.ByPopularity[0]].ItemId);
        Assert.Equal((fullSyncs, resynced), (other.FullResyncs, other.ResyncedEntries)); // no full copy again
        Assert.Equal(2, other.DeltaEntries - deltas);                                     // just the two changed entries
        Assert.Same(first.View, second.View);                                             // one view per silo, updated in place
    }

    [Fact]
    public async Task A_silo_that_fell_behind_the_change_log_resyncs_the_shard()
    {
        await using var engine = await StartAsync(folder, changeLog: 2);
        var cache = engine.SiloService<CatalogCache>(0);
        await PutAsync(engine, "first");
        await cache.GetAsync(fresh: true);
        var fullSyncs = cache.FullResyncs;
        var shard = CatalogSharding.ShardOf("first", Shards);
        // More changes to that shard than its log keeps (it trims past twice its capacity).
        var same = Items(200, "x").Where(id => CatalogSharding.ShardOf(id, Shards) == shard).Take(8).ToArray();
        // Through the item grains, not the import grain, whose write pulls the silo's view at once and so never falls behind.
        foreach (var id in same) Assert.Empty(await engine.Grains.GetGrain<IItemGrain>(id).PutAsync(Item(id.ToUpperInvariant(), "tag-" + id[^1])));

        var snapshot = await cache.GetAsync(fresh: true);

        Assert.Equal(fullSyncs + 1, cache.FullResyncs);
        Assert.All(same.Append("first"), id => Assert.NotNull(snapshot.Find(id)));
        Assert.Equal(9, snapshot.Entries.Count);
    }

    [Fact]
    public async Task Shard_state_survives_a_restart()
    {
        var items = Items(30);
        await using (var first = await StartAsync(folder))
        {
            await PutAsync(first, items);
            var ingest = await first.Grains.GetGrain<IIngestGrain>(0).IngestAsync(
                Enumerable.Range(0, 5).Select(i => E($"e{i}", $"u{i}", "item012", "share")).ToList());
            Assert.Equal(5, ingest.Accepted);
        }

        await using var second = await StartAsync(folder);
        var snapshot = await second.SiloService<CatalogCache>(0).GetAsync(fresh: true);

        Assert.Equal(items.Order(StringComparer.Ordinal), snapshot.Entries.Select(e => e.ItemId).Order(StringComparer.Ordinal));
        Assert.Equal("ITEM012", snapshot.Find("item012")!.Title);
        Assert.Equal(["tag-2"], snapshot.Find("item012")!.Tags);
        Assert.Equal(5, snapshot.Find("item012")!.EventsApplied);
        Assert.Equal("item012", snapshot.Entries[snapshot.ByPopularity[0]].ItemId);
    }
}
