using ContentGrains.Core.Models;
using ContentGrains.Core.Models.Ranking;

namespace ContentGrains.Core.Tests.Models;

public class CandidateFeaturesTests
{
    /// <summary>Scores the same for every history: items 0..5 score 5, 3, 3, 1, 0, 0.</summary>
    private sealed class FixedScorer : IHistoryScorer
    {
        private static readonly float[] Scores = [5, 3, 3, 1, 0, 0];
        public int ItemCount => Scores.Length;
        public void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores) => Scores.CopyTo(scores);
    }

    [Fact]
    public void Candidates_are_the_top_items_outside_the_history_and_ties_share_the_best_rank()
    {
        var features = new CandidateFeatures([new FixedScorer()], [1, 1, 1, 1, 1, 1], ItemSideInfo.Empty(6), candidatesPerScorer: 4);
        var (candidates, rows, firstScores) = (new List<int>(), new List<float>(), new float[6]);

        features.Build([5], candidates, rows, firstScores); // item 5 is in the history: neither candidate nor counted above anyone

        Assert.Equal([0, 1, 2, 3], candidates);
        Assert.Equal([5f, 3, 3, 1, 0, 0], firstScores);
        // Per candidate: score, score / best, log(1 + rank), 1 / (10 + rank), log(max(score, 1e-3)); ranks 0, 1, 1, 3.
        var f = features.FeatureCount;
        float[] Scorer(int c) => rows.Skip(c * f).Take(5).ToArray();
        Assert.Equal([5f, 1f, 0f, 0.1f, MathF.Log(5)], Scorer(0));
        Assert.Equal([3f, 0.6f, MathF.Log(2), 1f / 11, MathF.Log(3)], Scorer(1));
        Assert.Equal(Scorer(1), Scorer(2));
        Assert.Equal([1f, 0.2f, MathF.Log(4), 1f / 13, 0f], Scorer(3));
    }
}
