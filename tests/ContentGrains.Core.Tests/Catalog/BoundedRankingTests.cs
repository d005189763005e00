using ContentGrains.Core.Catalog;

namespace ContentGrains.Core.Tests.Catalog;

public class BoundedRankingTests
{
    private static string Id(int slot) => $"i{slot:D4}";

    /// <summary>The exact top <paramref name="n"/> of all current keys, as a full sort gives it.</summary>
    private static int[] TopByFullSort(Dictionary<int, double> keys, int n) =>
        keys.OrderByDescending(kv => kv.Value).ThenBy(kv => Id(kv.Key), StringComparer.Ordinal).Take(n).Select(kv => kv.Key).ToArray();

    [Fact]
    public void Keeps_the_best_keys_highest_first_ties_by_item_id()
    {
        var ranking = new BoundedRanking(3);
        foreach (var (slot, key) in new[] { (0, 2.0), (1, 8.0), (2, 2.0), (3, 5.0), (4, 1.0) }) ranking.Set(slot, key, Id(slot));

        Assert.Equal([1, 3, 0], ranking.Publish());
        Assert.Equal(3, ranking.Count);
    }

    [Fact]
    public void Rising_keys_stay_exact_through_any_order_of_updates()
    {
        // Popularity only grows: random increments to 500 slots, checked against a full sort after every batch.
        var random = new Random(7);
        var ranking = new BoundedRanking(20);
        var keys = new Dictionary<int, double>();
        for (var round = 0; round < 50; round++)
        {
            for (var i = 0; i < 40; i++)
            {
                var slot = random.Next(500);
                keys[slot] = keys.GetValueOrDefault(slot) + random.Next(1, 5);
                ranking.Set(slot, keys[slot], Id(slot));
            }
            Assert.Equal(TopByFullSort(keys, 20), ranking.Publish());
        }
    }

    [Fact]
    public void A_key_that_drops_below_an_evicted_one_leaves_and_the_list_stays_exact_but_shorter()
    {
        var ranking = new BoundedRanking(2);
        ranking.Set(0, 10, Id(0));
        ranking.Set(1, 8, Id(1));
        ranking.Set(2, 5, Id(2)); // evicted: the floor is now 5

        ranking.Set(0, 4, Id(0)); // below the floor: slot 2 (5) outranks it, so it may not stay

        Assert.Equal([1], ranking.Publish());
        Assert.True(ranking.NeedsRebuild is false, "one of two is not under half full");
        ranking.Remove(1);
        Assert.True(ranking.NeedsRebuild);

        ranking.Rebuild([(0, 4, Id(0)), (2, 5, Id(2)), (3, 1, Id(3))]);

        Assert.Equal([2, 0], ranking.Publish());
        Assert.False(ranking.NeedsRebuild);
    }

    [Fact]
    public void Publish_hands_out_the_same_array_until_something_changes()
    {
        var ranking = new BoundedRanking(5);
        ranking.Set(0, 1, Id(0));
        var first = ranking.Publish();

        ranking.Set(0, 1, Id(0)); // same key: no change
        Assert.Same(first, ranking.Publish());

        ranking.Set(1, 2, Id(1));
        Assert.Equal([1, 0], ranking.Publish());
        Assert.Equal([0], first); // what readers hold is never changed under them
    }

    [Fact]
    public void Capacity_must_be_positive()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedRanking(0));
        Assert.Equal("capacity", error.ParamName);
    }
}
