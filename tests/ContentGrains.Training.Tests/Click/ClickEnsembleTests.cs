using ContentGrains.Testing;
using ContentGrains.Core.Click;
using ContentGrains.Training.Click;

namespace ContentGrains.Training.Tests.Click;

public sealed class ClickEnsembleTests
{
    private static double Logit(float p) => Math.Log(p / (1.0 - p));

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void Members_merge_into_one_model_whose_logit_is_the_mean_of_theirs(int hidden)
    {
        var data = SyntheticClicks.Impressions(120, seed: 21);
        var single = new ClickModelOptions { Hidden = hidden, Epochs = 2 };
        var (rows, _) = ClickRows.Stack(SyntheticClicks.Impressions(30, seed: 22));

        var ensemble = ClickTrainer.Train(data, single with { Members = 3 }, seed: 40).Weights;
        // The members are the single models of seeds 40, 41 and 42.
        var memberScores = new[] { 40, 41, 42 }.Select(seed =>
        {
            using var scorer = new TorchClickScorer(ClickTrainer.Train(data, single, seed).Weights, "member");
            return scorer.Score(rows);
        }).ToList();
        using var merged = new TorchClickScorer(ensemble, "ensemble");
        var scores = merged.Score(rows);

        Assert.Equal(hidden * 3, ensemble.Hidden);
        for (var r = 0; r < scores.Length; r++)
            Assert.Equal(memberScores.Average(m => Logit(m[r])), Logit(scores[r]), 3);
        Assert.Contains(Enumerable.Range(0, scores.Length), r => Math.Abs(memberScores[0][r] - memberScores[1][r]) > 1e-3); // the seeds differ
    }

    [Fact]
    public void One_member_is_returned_as_it_is_and_mismatched_members_are_refused()
    {
        var data = SyntheticClicks.Impressions(40, seed: 23);
        var logistic = ClickTrainer.Train(data, new ClickModelOptions { Hidden = 0, Epochs = 1 }, seed: 1).Weights;
        var mlp = ClickTrainer.Train(data, new ClickModelOptions { Hidden = 4, Epochs = 1 }, seed: 1).Weights;

        Assert.Same(logistic, ClickEnsemble.Merge([logistic]));
        Assert.Contains("one shape", Assert.Throws<ArgumentException>(() => ClickEnsemble.Merge([logistic, mlp])).Message);
        var otherRows = ClickTrainer.Train(SyntheticClicks.Impressions(40, seed: 24), new ClickModelOptions { Hidden = 0, Epochs = 1 }, seed: 1).Weights;
        Assert.Contains("standardisation", Assert.Throws<ArgumentException>(() => ClickEnsemble.Merge([logistic, otherRows])).Message);
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => ClickEnsemble.Merge([])).Message);
        Assert.Equal("Members", Assert.Throws<ArgumentOutOfRangeException>(() => new ClickModelOptions { Members = 0 }.Validate()).ParamName);
    }
}
