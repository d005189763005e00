using ContentGrains.Core.Data;

namespace ContentGrains.Core.Tests.Data;

public class IdMapTests
{
    [Fact]
    public void Assigns_dense_indices_in_order_of_first_appearance()
    {
        var map = new IdMap();

        Assert.Equal(0, map.GetOrAdd("196"));
        Assert.Equal(1, map.GetOrAdd("7"));
        Assert.Equal(0, map.GetOrAdd("196"));
        Assert.Equal(2, map.Count);
        Assert.Equal("7", map.IdOf(1));
        Assert.True(map.TryGetIndex("7", out var index));
        Assert.Equal(1, index);
        Assert.False(map.TryGetIndex("8", out _));
    }
}
