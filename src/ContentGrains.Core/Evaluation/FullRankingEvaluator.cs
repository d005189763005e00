using ContentGrains.Core.Data;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Evaluation;

/// <summary>
/// RecBole's full-ranking evaluation: for every user with at least one held-out item, score all items, drop the
/// items the user already has in the excluded sets (train; train and validation when testing), take the top K
/// and average <see cref="RankingMetrics"/> over those users.
/// </summary>
public sealed class FullRankingEvaluator
{
    public const int MaxK = 64;

    public FullRankingEvaluator(int k = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaxK);
        K = k;
    }

    public int K { get; }

    /// <summary>Test score: ranks against <see cref="GivenSplit.Test"/>, excluding train and validation items.</summary>
    public EvaluationResult EvaluateTest(IRecommenderModel model, GivenSplit split) =>
        Evaluate(model.Score, split.Test, [split.Train, split.Valid], split.Train.ItemCounts());

    /// <summary>Validation score: ranks against <see cref="GivenSplit.Valid"/>, excluding train items.</summary>
    public EvaluationResult EvaluateValidation(IRecommenderModel model, GivenSplit split) =>
        Evaluate(model.Score, split.Valid, [split.Train], split.Train.ItemCounts());

    /// <param name="itemPopularity">Training interactions per item, for <see cref="EvaluationResult.AveragePopularity"/>; null leaves it 0.</param>
    public EvaluationResult Evaluate(UserScorer scorer, InteractionSet target, IReadOnlyList<InteractionSet> excluded, int[]? itemPopularity = null)
    {
        foreach (var set in excluded)
        {
            if (set.UserCount != target.UserCount || set.ItemCount != target.ItemCount)
                throw new ArgumentException("Excluded sets must share the target's users and items.", nameof(excluded));
        }

        var scores = new float[target.ItemCount];
        Span<int> top = stackalloc int[K];
        var sum = default(MetricValues);
        var users = 0;
        var recommended = new bool[target.ItemCount];
        double popularitySum = 0;
        long listed = 0;

        for (var user = 0; user < target.UserCount; user++)
        {
            if (target.CountOf(user) == 0)
                continue;

            Array.Clear(scores);
            scorer(user, scores);
            foreach (var set in excluded)
            {
                foreach (var item in set.ItemsOf(user))
                    scores[item] = float.NegativeInfinity;
            }

            var count = TopK.Select(scores, top);
            foreach (var item in top[..count])
            {
                recommended[item] = true;
                popularitySum += itemPopularity?[item] ?? 0;
            }
            listed += count;
            var u = user;
            sum += RankingMetrics.ForUser(top[..count], item => target.Contains(u, item), target.CountOf(user), K);
            users++;
        }

        return new EvaluationResult(K, users, users == 0 ? default : sum.DividedBy(users),
            Coverage: target.ItemCount == 0 ? 0 : recommended.Count(r => r) / (double)target.ItemCount,
            AveragePopularity: listed == 0 ? 0 : popularitySum / listed);
    }
}
