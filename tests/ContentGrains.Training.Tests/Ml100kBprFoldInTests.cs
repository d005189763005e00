using System.Diagnostics;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using Xunit.Abstractions;

namespace ContentGrains.Training.Tests;

/// <summary>
/// The live feed scores BPR from a user's items (<see cref="BprModel.ScoreHistory"/>, a fold-in), not from the learned
/// user factors. On RecBole's given split of MovieLens-100k this prints both, and the α × λ grid the fold-in defaults
/// were chosen from on validation. Fails, saying so, when the data is absent (see ../shared/data/README.md).
/// </summary>
[Trait("data", "ml-100k")]
public class Ml100kBprFoldInTests(ITestOutputHelper output)
{
    [Fact]
    public void Fold_in_from_the_training_items_scores_close_to_the_learned_user_factors()
    {
        var (split, model) = Ml100kBpr.Get();

        var evaluator = new FullRankingEvaluator(10);
        var learnedValid = evaluator.EvaluateValidation(model, split).Metrics.Ndcg;
        var learnedTest = evaluator.EvaluateTest(model, split).Metrics.Ndcg;
        output.WriteLine($"{model.LastFit}\nScore(u): valid {learnedValid:F4} test {learnedTest:F4}");

        var trainItems = Histories(split.Train);
        var trainAndValidItems = Histories(split.Train, split.Valid);
        if (Environment.GetEnvironmentVariable("BPR_FOLDIN_GRID") is not null)
        {
            foreach (var alpha in new[] { 0.0, 3, 30 })
            foreach (var lambda in new[] { 1.0, 16, 64, 128, 256, 1e4 })
            {
                var valid = evaluator.Evaluate((u, s) => model.ScoreHistory(trainItems[u], s, alpha, lambda), split.Valid, [split.Train]).Metrics.Ndcg;
                output.WriteLine($"alpha {alpha,5} lambda {lambda,6}: valid {valid:F4}");
            }
        }

        var foldInValid = evaluator.Evaluate((u, s) => model.ScoreHistory(trainItems[u], s), split.Valid, [split.Train]).Metrics.Ndcg;
        var foldInTest = evaluator.Evaluate((u, s) => model.ScoreHistory(trainItems[u], s), split.Test, [split.Train, split.Valid]).Metrics.Ndcg;
        var foldInTestWithValid = evaluator.Evaluate((u, s) => model.ScoreHistory(trainAndValidItems[u], s), split.Test, [split.Train, split.Valid]).Metrics.Ndcg;
        output.WriteLine($"ScoreHistory (α {model.Options.FoldInAlpha}, λ {model.Options.FoldInRegularization}): " +
                         $"valid {foldInValid:F4} test {foldInTest:F4} (train items), test {foldInTestWithValid:F4} (train + valid items)");

        var scores = new float[split.ItemCount];
        var clock = Stopwatch.StartNew();
        for (var user = 0; user < split.UserCount; user++)
            model.ScoreHistory(trainItems[user], scores);
        output.WriteLine($"ScoreHistory: {clock.Elapsed.TotalMicroseconds / split.UserCount:F0} µs per user ({split.ItemCount} items)");

        // Live: no validation set, TrainingKinds.LiveEpochs epochs, scored only through the fold-in.
        var live = new BprModel(TrainingKinds.LiveOptions, seed: 2020);
        live.Fit(split.Train);
        var liveValid = evaluator.Evaluate((u, s) => live.ScoreHistory(trainItems[u], s), split.Valid, [split.Train]).Metrics.Ndcg;
        var liveTest = evaluator.Evaluate((u, s) => live.ScoreHistory(trainAndValidItems[u], s), split.Test, [split.Train, split.Valid]).Metrics.Ndcg;
        output.WriteLine($"live options: {live.LastFit}; ScoreHistory valid {liveValid:F4}, test {liveTest:F4} (train + valid items)");

        // The fold-in is not the learned vector, but it must rank about as well (measured: see the README).
        Assert.True(foldInValid > learnedValid - 0.02, $"fold-in valid NDCG@10 {foldInValid:F4} vs learned {learnedValid:F4}");
    }

    private static int[][] Histories(params InteractionSet[] sets) =>
        Enumerable.Range(0, sets[0].UserCount).Select(user => sets.SelectMany(set => set.ItemsOf(user).ToArray()).ToArray()).ToArray();
}
