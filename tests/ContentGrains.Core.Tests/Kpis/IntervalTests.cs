using ContentGrains.Core.Kpis;

namespace ContentGrains.Core.Tests.Kpis;

public sealed class IntervalTests
{
    [Fact]
    public void Wilson_interval_of_10_in_100_matches_the_hand_computed_bounds()
    {
        // z = 1.959964; centre = (0.1 + z²/200) / (1 + z²/100) = 0.114800; half = z/(1 + z²/100) · √(0.0009 + z²/40000) = 0.059568.
        var ctr = ProportionInterval.Wilson(10, 100);
        Assert.Equal(0.1, ctr.Value, 12);
        Assert.Equal(0.055232, ctr.Low, 5);
        Assert.Equal(0.174368, ctr.High, 5);
    }

    [Fact]
    public void Wilson_interval_at_zero_successes_is_not_empty()
    {
        // Wald's interval would be [0, 0]; Wilson's upper bound is z²/n / (1 + z²/n) = 0.384146/1.384146 = 0.277535.
        var ctr = ProportionInterval.Wilson(0, 10);
        Assert.Equal(0, ctr.Low, 12);
        Assert.Equal(0.277535, ctr.High, 5);
    }

    [Fact]
    public void Wilson_refuses_more_successes_than_trials()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(11, 10));
        Assert.Equal("successes", error.ParamName);
    }

    [Fact]
    public void Mean_interval_uses_student_t_with_n_minus_1_degrees_of_freedom()
    {
        // 1..5: mean 3, s² = 2.5, se = √0.5 = 0.707107, t(4, 0.975) = 2.776445, half-width 1.963243.
        var moments = new RunningMoments();
        foreach (var x in new[] { 1.0, 2, 3, 4, 5 }) moments.Add(x);
        var mean = MeanInterval.Of(moments);
        Assert.Equal(3, mean.Mean, 12);
        Assert.Equal(0.707107, mean.StandardError!.Value, 5);
        Assert.Equal(1.036757, mean.Low!.Value, 5);
        Assert.Equal(4.963243, mean.High!.Value, 5);
    }

    [Fact]
    public void Merged_moments_equal_one_pass_over_all_values()
    {
        var (left, right, all) = (new RunningMoments(), new RunningMoments(), new RunningMoments());
        double[] values = [3, 8, 1, 13, 2.5, 7, 7, 40];
        for (var i = 0; i < values.Length; i++)
        {
            (i < 3 ? left : right).Add(values[i]);
            all.Add(values[i]);
        }
        left.Merge(right);
        Assert.Equal(all.Count, left.Count);
        Assert.Equal(all.Mean, left.Mean, 10);
        Assert.Equal(all.Variance, left.Variance, 9);
    }
}
