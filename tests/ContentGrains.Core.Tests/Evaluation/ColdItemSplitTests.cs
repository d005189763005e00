using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;

namespace ContentGrains.Core.Tests.Evaluation;

public class ColdItemSplitTests
{
    // 3 users, 10 items: every user trains on items 0..7 (all trained), validates on 8, tests on 9 and one of 0..2.
    private static GivenSplit Split()
    {
        var users = new IdMap();
        var items = new IdMap();
        for (var u = 0; u < 3; u++) users.GetOrAdd($"u{u}");
        for (var i = 0; i < 10; i++) items.GetOrAdd($"i{i}");
        var train = InteractionSet.FromPairs(3, 10, from u in Enumerable.Range(0, 3) from i in Enumerable.Range(0, 8) select (u, i));
        var valid = InteractionSet.FromPairs(3, 10, [(0, 8), (1, 8), (2, 8)]);
        var test = InteractionSet.FromPairs(3, 10, [(0, 9), (1, 9), (2, 9)]);
        return GivenSplit.FromSets(users, items, train, valid, test);
    }

    [Fact]
    public void Holds_the_seeded_share_of_trained_items_out_of_train_and_valid()
    {
        var split = Split();
        var cold = ColdItemSplit.Create(split, 0.25, seed: 7); // round(8 trained items × 0.25) = 2

        Assert.Equal(2, cold.ColdItemCount);
        Assert.False(cold.IsCold[8] || cold.IsCold[9]); // untrained items are not drawn
        var coldItems = Enumerable.Range(0, 10).Where(i => cold.IsCold[i]).ToArray();
        Assert.Equal(3 * 6, cold.Train.Count);
        for (var user = 0; user < 3; user++)
            Assert.Empty(cold.Train.ItemsOf(user).ToArray().Intersect(coldItems));
        Assert.Equal(0, cold.ColdTest.Count); // the test items (9) were never trained, so none is cold
        Assert.Equal(coldItems, Enumerable.Range(0, 10).Where(i => ColdItemSplit.Create(split, 0.25, seed: 7).IsCold[i]));
    }

    [Fact]
    public void Ranks_the_cold_test_items_among_cold_items_and_among_all()
    {
        // User 0 trains on items 0..3; user 1 trains on nothing and tests on items 0..3. Half the trained items, two of
        // 0..3, go cold, so user 1's cold test items are exactly the two cold items, whichever they are.
        var users = new IdMap();
        var items = new IdMap();
        users.GetOrAdd("u0");
        users.GetOrAdd("u1");
        for (var i = 0; i < 8; i++) items.GetOrAdd($"i{i}");
        var train = InteractionSet.FromPairs(2, 8, [(0, 0), (0, 1), (0, 2), (0, 3)]);
        var test = InteractionSet.FromPairs(2, 8, [(1, 0), (1, 1), (1, 2), (1, 3)]);
        var cold = ColdItemSplit.Create(GivenSplit.FromSets(users, items, train, InteractionSet.FromPairs(2, 8, []), test), 0.5, seed: 1);
        Assert.Equal(2, cold.ColdTest.Count);

        // Scores rise with the item index. Among cold items the top 1 is the higher cold item: recall 1/2, NDCG@1 1.
        UserScorer byIndex = (_, scores) => { for (var i = 0; i < scores.Length; i++) scores[i] = i; };
        var (amongCold, amongAll) = cold.Evaluate(byIndex, k: 1);
        Assert.Equal(1, amongCold.Users);
        Assert.Equal(0.5, amongCold.Metrics.Recall, 12);
        Assert.Equal(1.0, amongCold.Metrics.Ndcg, 12);
        // Among all items the top 1 is item 7, never cold.
        Assert.Equal(0.0, amongAll.Metrics.Recall);
        // With k 8 every item is listed, so both cold items are found.
        Assert.Equal(1.0, cold.Evaluate(byIndex, k: 8).AmongAll.Metrics.Recall, 12);
    }

    [Fact]
    public void Refuses_a_fraction_outside_zero_to_one()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ColdItemSplit.Create(Split(), 1.5, 1));
        Assert.Contains("fraction", error.Message);
    }
}
