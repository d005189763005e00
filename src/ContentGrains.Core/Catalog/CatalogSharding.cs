namespace ContentGrains.Core.Catalog;

/// <summary>
/// Which catalog shard holds an item: FNV-1a of the item id modulo the shard count, the same on every silo and every
/// run (string.GetHashCode is randomised per process). Changing the shard count moves items between shards, so the
/// stored shards must then be rebuilt (re-import the items).
/// </summary>
public static class CatalogSharding
{
    public static int ShardOf(string itemId, int shards)
    {
        if (shards <= 0) throw new ArgumentOutOfRangeException(nameof(shards), shards, "the catalog needs at least one shard");
        var hash = 2166136261u;
        foreach (var c in itemId) hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)shards);
    }
}
