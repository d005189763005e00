using ContentGrains.Core.Data;

namespace ContentGrains.Core.Tests.Data;

public class InteractionSetTests
{
    [Fact]
    public void Keeps_each_users_items_sorted_and_distinct()
    {
        var set = InteractionSet.FromPairs(3, 4, [(0, 3), (0, 1), (0, 3), (2, 0), (0, 2)]);

        Assert.Equal(3, set.UserCount);
        Assert.Equal(4, set.ItemCount);
        Assert.Equal(4, set.Count); // (0,3) counted once
        Assert.Equal([1, 2, 3], set.ItemsOf(0).ToArray());
        Assert.Empty(set.ItemsOf(1).ToArray());
        Assert.Equal(1, set.CountOf(2));
        Assert.True(set.Contains(0, 2));
        Assert.False(set.Contains(0, 0));
        Assert.False(set.Contains(1, 0));
    }

    [Fact]
    public void Item_counts_count_distinct_users()
    {
        var set = InteractionSet.FromPairs(3, 4, [(0, 1), (0, 1), (1, 1), (2, 1), (2, 3)]);

        Assert.Equal([0, 3, 0, 1], set.ItemCounts());
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(-1, 0)]
    [InlineData(0, 4)]
    public void Rejects_indices_outside_the_declared_sizes(int user, int item)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InteractionSet.FromPairs(3, 4, [(user, item)]));
    }
}
