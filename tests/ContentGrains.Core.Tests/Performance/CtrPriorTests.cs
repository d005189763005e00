using ContentGrains.Core.Click;
using ContentGrains.Core.Items;
using ContentGrains.Core.Performance;

namespace ContentGrains.Core.Tests.Performance;

/// <summary>The one CTR prior both the item's smoothed CTR and the click model's CTR feature use, on hand-computed values.</summary>
public sealed class CtrPriorTests
{
    [Fact]
    public void The_fixed_prior_smooths_as_prior_clicks_over_prior_impressions()
    {
        var prior = CtrPrior.Of(1, 20);

        Assert.Equal(0.05, prior.Mean, 12);
        Assert.Equal(0.05, prior.Smooth(0, 0), 12); // no traffic: the prior mean
        Assert.Equal(4.0 / 60, prior.Smooth(3, 40), 12); // (3 + 1) / (40 + 20)
        Assert.Equal(6.0 / 25, prior.Smooth(5, 2), 12); // clicks without impressions: shown counted as 5, (5 + 1) / (5 + 20)
    }

    [Fact]
    public void A_prediction_moves_the_mean_and_keeps_the_weight()
    {
        var predicted = CtrPrior.Of(1, 20).WithPredicted(0.10);

        Assert.Equal((0.10, 20.0, 2.0), (predicted.Mean, predicted.Weight, predicted.Clicks));
        Assert.Equal(0.10, predicted.Smooth(0, 0), 12);
        Assert.Equal(5.0 / 60, predicted.Smooth(3, 40), 12); // (3 + 0.10·20) / (40 + 20)
        Assert.Equal(CtrPrior.Of(1, 20), CtrPrior.Of(1, 20).WithPredicted(null));
    }

    [Fact]
    public void The_item_counters_smooth_toward_the_prior_they_are_given()
    {
        var counters = new ItemCounters { Impressions = 40, Clicks = 3 };

        Assert.Equal(4.0 / 60, counters.SmoothedCtr(1, 20), 12);
        Assert.Equal(5.0 / 60, counters.SmoothedCtr(CtrPrior.Of(1, 20).WithPredicted(0.10)), 12);
    }

    [Fact]
    public void The_click_models_ctr_feature_starts_at_the_items_prior_when_it_has_one()
    {
        var ctrAll = ClickFeatures.IndexOf("ctr_all");

        var fixedRow = ClickFeatures.Row(new ClickSignals());
        var predictedRow = ClickFeatures.Row(new ClickSignals { CtrPrior = CtrPrior.ClickModel.WithPredicted(0.12) });

        Assert.Equal(0.04f, fixedRow[ctrAll], 6); // the fixed 4 % worth 10 impressions
        Assert.Equal(0.12f, predictedRow[ctrAll], 6);
    }

    [Theory]
    [InlineData(-0.1, 10, "mean")]
    [InlineData(1.5, 10, "mean")]
    [InlineData(0.1, -1, "weight")]
    public void A_prior_outside_its_range_is_refused_naming_the_field(double mean, double weight, string field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CtrPrior.Around(mean, weight));

        Assert.Equal(field, error.ParamName);
    }
}
