namespace ContentGrains.Core.Catalog;

/// <summary>
/// Which catalog shard holds an item: FNV-1a of the item id (<see cref="Data.Fnv1a"/>) modulo the shard count, the
/// same on every silo and every run. Changing the shard count moves items between shards, so the
/// stored shards must then be rebuilt (re-import the items).
/// </summary>
public static class CatalogSharding
{
    public static int ShardOf(string itemId, int shards)
    {
        if (shards <= 0) throw new ArgumentOutOfRangeException(nameof(shards), shards, "the catalog needs at least one shard");
        return (int)(Data.Fnv1a.Hash(itemId) % (uint)shards);
    }
}
