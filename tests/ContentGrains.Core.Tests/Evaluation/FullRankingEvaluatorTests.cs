using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Tests.Evaluation;

/// <summary>
/// Three users, five items, a scorer that prefers higher item indices (score = index), K = 2.
/// user 0: train {4}, valid {3}, test {2, 0}. user 1: train {0}, no valid or test. user 2: train {1}, valid {4}, test {3}.
/// </summary>
public class FullRankingEvaluatorTests
{
    private static readonly InteractionSet Train = InteractionSet.FromPairs(3, 5, [(0, 4), (1, 0), (2, 1)]);
    private static readonly InteractionSet Valid = InteractionSet.FromPairs(3, 5, [(0, 3), (2, 4)]);
    private static readonly InteractionSet Test = InteractionSet.FromPairs(3, 5, [(0, 2), (0, 0), (2, 3)]);

    private static void ByIndex(int user, Span<float> scores)
    {
        for (var item = 0; item < scores.Length; item++)
            scores[item] = item;
    }

    [Fact]
    public void Test_ranking_excludes_train_and_validation_items_and_skips_users_without_test_items()
    {
        // user 0: 4 (train) and 3 (valid) excluded → [2, 1]; hit at rank 1 of 2 relevant:
        //   Recall 1/2, MRR 1, NDCG 1 / (1 + 1/log2 3) = 1 / 1.630930 = 0.613147, Hit 1, Precision 1/2.
        // user 1: no test items, not counted.
        // user 2: 1 (train) and 4 (valid) excluded → [3, 2]; hit at rank 1 of 1: all 1, Precision 1/2.
        // Mean over 2 users: Recall 0.75, MRR 1, NDCG (0.613147 + 1) / 2 = 0.806574, Hit 1, Precision 0.5.
        var result = new FullRankingEvaluator(k: 2).Evaluate(ByIndex, Test, [Train, Valid]);

        Assert.Equal(2, result.K);
        Assert.Equal(2, result.Users);
        Assert.Equal(0.75, result.Metrics.Recall, 6);
        Assert.Equal(1.0, result.Metrics.Mrr, 6);
        Assert.Equal(0.806574, result.Metrics.Ndcg, 6);
        Assert.Equal(1.0, result.Metrics.Hit, 6);
        Assert.Equal(0.5, result.Metrics.Precision, 6);
    }

    [Fact]
    public void Without_excluding_validation_items_they_take_top_slots()
    {
        // user 0 → [3, 2]: hit at rank 2 only: Recall 1/2, MRR 1/2. user 2 → [4, 3]: hit at rank 2: Recall 1, MRR 1/2.
        var result = new FullRankingEvaluator(k: 2).Evaluate(ByIndex, Test, [Train]);

        Assert.Equal(0.75, result.Metrics.Recall, 6);
        Assert.Equal(0.5, result.Metrics.Mrr, 6);
    }

    [Fact]
    public void Evaluates_a_model_on_a_given_split()
    {
        // Items first appear in the order a, b, c, d, e → indices 0..4; users u0, u1, u2 → 0..2.
        // train: u0 {0, 3}, u1 {1, 4}, u2 {2}; valid: u0 {3}, u2 {4}; test: u0 {2, 0}, u2 {3}.
        const string header = "user_id:token\titem_id:token\n";
        var split = GivenSplit.FromFiles(
            AtomicFile.Parse(new StringReader(header + "u0\ta\nu1\tb\nu2\tc\nu0\td\nu1\te\n")),
            AtomicFile.Parse(new StringReader(header + "u0\td\nu2\te\n")),
            AtomicFile.Parse(new StringReader(header + "u0\tc\nu0\ta\nu2\td\n")));
        var model = new FixedScores([0f, 1f, 2f, 3f, 4f]);
        model.Fit(split.Train);
        var evaluator = new FullRankingEvaluator(k: 2);

        var test = evaluator.EvaluateTest(model, split);
        var validation = evaluator.EvaluateValidation(model, split);

        // Test: user 0 without {0, 3} → ranked [4, 2]: hit at rank 2, 2 relevant: Recall 1/2, MRR 1/2.
        //   user 2 without {2, 4} → [3, 1]: hit at rank 1: Recall 1, MRR 1. user 1 has no test items.
        Assert.Equal(2, test.Users);
        Assert.Equal(0.75, test.Metrics.Recall, 6);
        Assert.Equal(0.75, test.Metrics.Mrr, 6);
        // Validation (train excluded only): user 0 → [4, 2], valid {3} (also in train): miss. user 2 → [4, 3], valid {4}: hit.
        Assert.Equal(2, validation.Users);
        Assert.Equal(0.5, validation.Metrics.Hit, 6);
    }

    [Fact]
    public void Rejects_sets_of_other_sizes_and_bad_cut_offs()
    {
        var other = InteractionSet.FromPairs(3, 6, []);

        Assert.Throws<ArgumentException>(() => new FullRankingEvaluator().Evaluate(ByIndex, Test, [other]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FullRankingEvaluator(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FullRankingEvaluator(FullRankingEvaluator.MaxK + 1));
    }

    private sealed class FixedScores(float[] values) : IRecommenderModel
    {
        public void Fit(InteractionSet train) { }

        public void Score(int user, Span<float> scores) => values.CopyTo(scores);
    }
}
