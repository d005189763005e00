using ContentGrains.Core.Performance;

namespace ContentGrains.Core.Tests.Performance;

public sealed class CtrMetricsTests
{
    // A: 10 shown, 1 clicked, predicted 0.2; B: 10 shown, 3 clicked, predicted 0.1.
    private static readonly CtrOutcome[] Outcomes = [new(10, 1), new(10, 3)];
    private static readonly double[] Predicted = [0.2, 0.1];

    [Fact]
    public void Auc_counts_clicked_against_not_clicked_impressions_with_ties_half()
    {
        // Clicked A over not clicked B: 1·7 = 7; ties inside A: ½·1·9 = 4.5, inside B: ½·3·7 = 10.5; of 4·16 = 64 pairs.
        Assert.Equal(22.0 / 64, CtrMetrics.Of(Outcomes, Predicted).Auc, 12);
    }

    [Fact]
    public void Rmse_and_log_loss_weigh_each_item_by_its_impressions()
    {
        var metrics = CtrMetrics.Of(Outcomes, Predicted);

        Assert.Equal(Math.Sqrt((10 * 0.01 + 10 * 0.04) / 20), metrics.WeightedRmse, 12);
        // −[ln 0.2 + 9 ln 0.8 + 3 ln 0.1 + 7 ln 0.9] / 20
        Assert.Equal(0.5631502, metrics.LogLoss, 6);
        Assert.Equal((2, 20L, 4L), (metrics.Items, metrics.Impressions, metrics.Clicks));
    }

    [Fact]
    public void Spearman_is_null_for_a_constant_prediction_and_skips_thin_items()
    {
        CtrOutcome[] outcomes = [new(20, 1), new(20, 2), new(20, 3), new(2, 2)];

        Assert.Null(CtrMetrics.Of(outcomes, [0.1, 0.1, 0.1, 0.1]).Spearman);
        var ranked = CtrMetrics.Of(outcomes, [0.3, 0.2, 0.1, 0.0]);
        Assert.Equal(3, ranked.SpearmanItems);
        Assert.Equal(-1.0, ranked.Spearman!.Value, 12);
    }

    [Fact]
    public void Mismatched_predictions_are_refused_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => CtrMetrics.Of(Outcomes, [0.1]));
        Assert.Equal("predicted", error.ParamName);
    }
}
