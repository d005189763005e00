using ContentGrains.Core.Catalog;

namespace ContentGrains.Core.Tests.Catalog;

public class CatalogShardingTests
{
    [Fact]
    public void Shard_is_fnv1a_of_the_item_id_modulo_the_shard_count()
    {
        // FNV-1a 32-bit computed independently: "a" → 0xE40C292C = 3826002220; "" → 2166136261.
        Assert.Equal((int)(3826002220u % 16), CatalogSharding.ShardOf("a", 16));
        Assert.Equal((int)(2166136261u % 7), CatalogSharding.ShardOf("", 7));
        Assert.Equal(0, CatalogSharding.ShardOf("anything", 1));
    }

    [Fact]
    public void Items_spread_over_the_shards()
    {
        // 16,000 ids over 16 shards: about 1,000 each (± 31 is one standard deviation).
        var counts = Enumerable.Range(0, 16_000).CountBy(i => CatalogSharding.ShardOf($"item-{i}", 16)).ToList();

        Assert.Equal(16, counts.Count);
        Assert.All(counts, kv => Assert.InRange(kv.Value, 850, 1150));
    }

    [Fact]
    public void Shard_count_must_be_positive()
    {
        Assert.Equal("shards", Assert.Throws<ArgumentOutOfRangeException>(() => CatalogSharding.ShardOf("a", 0)).ParamName);
    }
}
