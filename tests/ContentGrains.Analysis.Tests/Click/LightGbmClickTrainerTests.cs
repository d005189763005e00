using ContentGrains.Testing;
using ContentGrains.Analysis.Click;
using ContentGrains.Core.Click;

namespace ContentGrains.Analysis.Tests.Click;

public sealed class LightGbmClickTrainerTests
{
    [Theory]
    [InlineData(ClickTreeObjective.Binary)]
    [InlineData(ClickTreeObjective.LambdaRank)]
    public void The_copied_trees_score_rows_as_lightgbm_does_and_learn_the_signal(ClickTreeObjective objective)
    {
        var fitted = LightGbmClickTrainer.Fit(SyntheticClicks.Impressions(300, seed: 1), new LightGbmClickOptions(objective, Trees: 40, Leaves: 7, MinRowsInLeaf: 20));
        var heldOut = SyntheticClicks.Impressions(100, seed: 2);
        var (rows, _) = ClickRows.Stack(heldOut);

        var lightgbm = fitted.Score(rows);
        var copied = fitted.Trees.Score(rows, ClickFeatures.Count);

        Assert.Equal(40, fitted.Trees.Trees.Count);
        var largest = lightgbm.Zip(copied, (l, c) => Math.Abs(l - c)).Max();
        Assert.True(largest < 1e-5, $"largest difference {largest}");
        Assert.True(lightgbm.Max() - lightgbm.Min() > 0.1, "the trees score candidates differently, so the comparison means something");
        var model = ClickMetrics.Of(heldOut, fitted.Score, probabilities: false);
        var oracle = ClickMetrics.Of(heldOut, SingleSignalScorer.Feature("tag_match").Score, probabilities: false);
        Assert.True(model.GroupAuc > oracle.GroupAuc - 0.03, $"trees {model.GroupAuc:F4}, oracle {oracle.GroupAuc:F4}");
    }

    [Fact]
    public void Selection_tries_every_setting_tree_count_and_weight_and_keeps_the_best_on_validation()
    {
        var fit = SyntheticClicks.Impressions(200, seed: 3);
        var validation = SyntheticClicks.Impressions(100, seed: 4);
        // A stand-in "MLP" that already is the oracle: 4 · tag_match as its logit.
        double[] Oracle(IReadOnlyList<ClickImpression> impressions)
        {
            var (rows, _) = ClickRows.Stack(impressions);
            return SingleSignalScorer.Feature("tag_match").Score(rows).Select(s => 4.0 * s).ToArray();
        }
        LightGbmClickOptions[] settings = [new(ClickTreeObjective.Binary, 0, Leaves: 3, MinRowsInLeaf: 50), new(ClickTreeObjective.LambdaRank, 0, Leaves: 3, MinRowsInLeaf: 50)];

        var choice = ClickTreeSelection.Select(fit, validation, Oracle(fit), Oracle(validation), settings, treeCounts: [5, 10], treeWeights: [0, 0.5, 1]);

        Assert.Equal(4, choice.Trials.Count); // 2 settings × 2 tree counts
        Assert.All(choice.Trials, t => Assert.Equal([0, 0.5, 1], t.Blends.Select(b => b.TreeWeight)));
        Assert.Equal([5, 10, 5, 10], choice.Trials.Select(t => t.Options.Trees));
        var oracle = ClickMetrics.Of(validation, SingleSignalScorer.Feature("tag_match").Score, probabilities: false);
        Assert.Equal(oracle.GroupAuc, choice.Trials[0].Blends[0].Validation.GroupAuc, 9); // weight 0 is the MLP alone
        Assert.Equal(choice.Trials.SelectMany(t => t.Blends).Max(b => b.Validation.GroupAuc), choice.Validation.GroupAuc, 12);
        Assert.True(choice.Validation.GroupAuc >= oracle.GroupAuc);
    }
}
