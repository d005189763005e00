using ContentGrains.Core.Click;

namespace ContentGrains.Core.Tests.Click;

public sealed class ClickTreesTests
{
    // Node 0: x0 ≤ 0.5 ? node 1 : leaf 2 (value 3). Node 1: x1 ≤ 2 ? leaf 0 (value 1) : leaf 1 (value −2).
    private static ClickTree TwoSplits() => new([1, -1], [-3, -2], [0, 1], [0.5f, 2f], [1, -2, 3]);

    [Fact]
    public void A_tree_follows_feature_at_most_threshold_to_the_left_and_ends_in_a_leaf()
    {
        var tree = TwoSplits();

        Assert.Equal(1, tree.Evaluate([0.5f, 2f]));   // both splits hold (≤ is inclusive)
        Assert.Equal(-2, tree.Evaluate([0.4f, 2.1f]));
        Assert.Equal(3, tree.Evaluate([0.6f, 0f]));
        Assert.Equal(7.5, new ClickTree([], [], [], [], [7.5]).Evaluate([9f, 9f])); // a tree with no split is its one leaf
    }

    [Fact]
    public void An_ensemble_adds_its_base_to_the_sum_of_its_trees_and_can_stop_early_or_scale()
    {
        var ensemble = new ClickTreeEnsemble([TwoSplits(), new ClickTree([-1], [-2], [1], [0f], [10, 20])], Base: 0.25);
        float[] rows = [0.5f, 2f, /* next row */ 0.9f, -1f];

        Assert.Equal([0.25 + 1 + 20, 0.25 + 3 + 10], ensemble.Score(rows, featureCount: 2));
        Assert.Equal([1.25, 3.25], ensemble.Score(rows, 2, treeCount: 1));
        Assert.Equal([1.25, 3.25], ensemble.Take(1).Score(rows, 2));
        Assert.Equal([2 * 21.25 - 1, 2 * 13.25 - 1], ensemble.Scaled(2, -1).Score(rows, 2));
    }

    [Fact]
    public void A_tree_whose_arrays_do_not_fit_is_refused()
    {
        Assert.Contains("leaves", Assert.Throws<ArgumentException>(() => new ClickTree([1, -1], [-3, -2], [0, 1], [0.5f, 2f], [1, 2]).Validate(2)).Message);
        Assert.Contains("feature 5", Assert.Throws<ArgumentException>(() => new ClickTree([-1], [-2], [5], [0f], [1, 2]).Validate(2)).Message);
        Assert.Contains("child", Assert.Throws<ArgumentException>(() => new ClickTree([3], [-2], [0], [0f], [1, 2]).Validate(2)).Message);
        Assert.Contains("differ in length", Assert.Throws<ArgumentException>(() => (TwoSplits() with { Threshold = [0.5f] }).Validate(2)).Message);
        TwoSplits().Validate(2);
    }

    [Fact]
    public void A_standardised_blend_puts_the_trees_on_the_logits_mean_and_spread()
    {
        // logits: mean −3, sd 1; trees: mean 10, sd 4 → factor 0.25, offset −3 − 0.25 · 10 = −5.5.
        var blend = ClickBlend.Standardised([-4, -2, -4, -2], [6, 14, 6, 14], treeWeight: 0.4);

        Assert.Equal(0.25, blend.Factor, 12);
        Assert.Equal(-5.5, blend.Offset, 12);
        Assert.Equal(0.6 * -2 + 0.4 * (0.25 * 18 - 5.5), blend.Logit(-2, 18), 12);
        Assert.Equal(-2, ClickBlend.Standardised([-4, -2], [6, 14], 0).Logit(-2, 1e6), 12); // weight 0: the MLP alone
        Assert.Throws<ArgumentOutOfRangeException>(() => ClickBlend.Standardised([1], [1], 1.5));
    }
}
