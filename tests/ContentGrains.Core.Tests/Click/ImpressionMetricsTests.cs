using ContentGrains.Core.Click;

namespace ContentGrains.Core.Tests.Click;

public sealed class ImpressionMetricsTests
{
    // Scores 0.9, 0.8, 0.3, 0.1; the second and third were clicked. Ranked: 0.9 (no), 0.8 (yes, rank 2), 0.3 (yes, rank 3), 0.1 (no).
    private static readonly float[] Scores = [0.9f, 0.8f, 0.3f, 0.1f];
    private static readonly float[] Labels = [0, 1, 1, 0];

    [Fact]
    public void Auc_counts_the_clicked_candidates_ranked_above_the_others()
    {
        // Pairs (clicked, not): 0.8 vs 0.9 lost, 0.8 vs 0.1 won, 0.3 vs 0.9 lost, 0.3 vs 0.1 won → 2 / 4.
        Assert.Equal(0.5, ImpressionMetrics.Auc(Scores, Labels), 12);
        Assert.Equal(1.0, ImpressionMetrics.Auc([0.1f, 0.9f, 0.8f, 0.2f], Labels), 12);
    }

    [Fact]
    public void Auc_counts_a_tie_as_half()
    {
        // (1 vs 1) half, (1 vs 0) won → 1.5 / 2.
        Assert.Equal(0.75, ImpressionMetrics.Auc([1f, 1f, 0f], [1, 0, 0]), 12);
        Assert.True(double.IsNaN(ImpressionMetrics.Auc([1f, 2f], [1, 1])));
    }

    [Fact]
    public void Mrr_is_the_mean_reciprocal_rank_of_the_clicked_candidates()
    {
        Assert.Equal((1.0 / 2 + 1.0 / 3) / 2, ImpressionMetrics.Mrr(Scores, Labels), 12);
    }

    [Fact]
    public void Ndcg_divides_the_discounted_gain_by_the_ideal_one()
    {
        // DCG = 1/log2(3) + 1/log2(4); ideal = 1 + 1/log2(3). At k = 2 only rank 2 counts.
        Assert.Equal((1 / Math.Log2(3) + 0.5) / (1 + 1 / Math.Log2(3)), ImpressionMetrics.Ndcg(Scores, Labels, 10), 12);
        Assert.Equal((1 / Math.Log2(3)) / (1 + 1 / Math.Log2(3)), ImpressionMetrics.Ndcg(Scores, Labels, 2), 12);
    }

    [Fact]
    public void Tied_scores_share_the_mean_discount_of_their_positions()
    {
        // A constant scorer: the one click is equally likely at ranks 1–4.
        float[] constant = [5, 5, 5, 5];
        float[] oneClick = [0, 0, 1, 0];
        Assert.Equal((1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4) / 4, ImpressionMetrics.Mrr(constant, oneClick), 12);
        Assert.Equal((1 + 1 / Math.Log2(3)) / 4, ImpressionMetrics.Ndcg(constant, oneClick, 2), 12);
        Assert.Equal(0.5, ImpressionMetrics.Auc(constant, oneClick), 12);
    }

    [Fact]
    public void Only_impressions_with_a_click_and_a_non_click_are_scorable()
    {
        Assert.True(ImpressionMetrics.IsScorable(Labels));
        Assert.False(ImpressionMetrics.IsScorable([0f, 0f]));
        Assert.False(ImpressionMetrics.IsScorable([1f]));
    }

    [Fact]
    public void Click_metrics_average_over_scorable_impressions_and_take_log_loss_over_every_candidate()
    {
        var features = ClickFeatures.Count;
        ClickImpression Impression(string id, params float[] labels) => new(id, DateTimeOffset.UnixEpoch, new float[labels.Length * features], labels);
        // The scorer returns the probabilities below whatever the rows; "b" has no click and is left out of the ranking metrics.
        var probabilities = new Dictionary<int, float[]> { [2] = [0.8f, 0.2f], [1] = [0.5f] };
        var metrics = ClickMetrics.Of([Impression("a", 1, 0), Impression("b", 0)], rows => probabilities[rows.Length / features], probabilities: true);

        Assert.Equal(2, metrics.Impressions);
        Assert.Equal(1, metrics.Scored);
        Assert.Equal(3, metrics.Candidates);
        Assert.Equal(1.0, metrics.GroupAuc, 12);
        Assert.Equal(1.0, metrics.Ndcg10, 12);
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.8) + Math.Log(0.5)) / 3, metrics.LogLoss!.Value, 6);
    }
}
