using ContentGrains.Core.Experiments;

namespace ContentGrains.Core.Tests.Experiments;

/// <summary>The tests' numbers against values computed by hand (formulas in the comments, tables where they exist).</summary>
public sealed class StatisticsTests
{
    [Fact]
    public void Welch_test_matches_the_t_table()
    {
        // Means 3 and 5, both variances 2.5, n = 5: se = √(2.5/5 + 2.5/5) = 1, t = 2, Welch df = 2(n − 1) = 8;
        // t(0.975, 8) = 2.306004 (table), two-sided p(|T8| > 2) = 0.080516.
        var control = SampleMoments.Of([1, 2, 3, 4, 5]);
        var treatment = SampleMoments.Of([3, 4, 5, 6, 7]);
        Assert.Equal((5L, 3.0, 2.5), (control.Count, control.Mean, control.Variance));

        var result = FixedHorizonTest.Compare(control, treatment, MetricKind.Mean, 0.05);

        Assert.Equal(2.0, result.Estimate, 12);
        Assert.Equal(1.0, result.StandardError, 12);
        Assert.Equal(2 - 2.306004, result.Low, 5);
        Assert.Equal(2 + 2.306004, result.High, 5);
        Assert.Equal(0.080516, result.PValue!.Value, 5);
        Assert.False(result.Significant);
    }

    [Fact]
    public void Two_proportion_z_test_matches_the_hand_computed_value()
    {
        // 100/1000 against 130/1000: se = √(0.1·0.9/1000 + 0.13·0.87/1000) = 0.0142513, z = 2.10507, p = 0.035285.
        var control = SampleMoments.Of(Conversions(1000, 100));
        var treatment = SampleMoments.Of(Conversions(1000, 130));

        var result = FixedHorizonTest.Compare(control, treatment, MetricKind.Proportion, 0.05);

        Assert.Equal(0.03, result.Estimate, 12);
        Assert.Equal(0.0142513157, result.StandardError, 9);
        Assert.Equal(0.0352853, result.PValue!.Value, 6);
        Assert.Equal(0.0020679, result.Low, 6);
        Assert.Equal(0.0579321, result.High, 6);
        Assert.True(result.Significant);
    }

    [Fact]
    public void Confidence_sequence_margin_matches_the_published_formula()
    {
        // α = 0.05, N* = 5000: ρ² = (−2 ln α + ln(−2 ln α + 1)) / 5000 = 0.00158723;
        // at N = 10,000: margin = √(2(Nρ² + 1)/(N²ρ²) · ln(√(Nρ² + 1)/α)) = 0.0306148.
        Assert.Equal(0.001587230920, ConfidenceSequence.Rho2(0.05, 5000), 11);
        Assert.Equal(0.030614772, ConfidenceSequence.UnitMargin(10_000, 0.05, 5000), 8);

        // A difference of 0.1 with se 0.02 from 10,000 persons: half-width 0.02 × √10000 × 0.0306148 = 0.0612295.
        var interval = ConfidenceSequence.Interval(0.1, 0.02, 10_000, 0.05, 5000);
        Assert.Equal(0.1 - 0.06122954, interval.Low, 7);
        Assert.Equal(0.1 + 0.06122954, interval.High, 7);
        // Wider than the fixed-horizon interval (1.96 × 0.02 = 0.0392): the price of peeking.
        Assert.True(interval.High - interval.Low > 2 * 1.96 * 0.02);
    }

    [Fact]
    public void Confidence_sequence_is_tightest_near_the_tuning_size()
    {
        // Scaled by √N (the fixed interval's own shrinkage), the margin is smallest around N*.
        double Scaled(long n) => ConfidenceSequence.UnitMargin(n, 0.05, 5000) * Math.Sqrt(n);
        Assert.True(Scaled(5000) < Scaled(500));
        Assert.True(Scaled(5000) < Scaled(100_000));
    }

    [Fact]
    public void Cuped_theta_is_the_regression_slope()
    {
        // x̄ = 2.5, ȳ = 5; Σ(x − x̄)(y − ȳ) = 4.5 + 0.5 + 0 + 6 = 11; Σ(x − x̄)² = 5; θ = 2.2.
        double[] x = [1, 2, 3, 4], y = [2, 4, 5, 9];
        Assert.Equal(2.2, Cuped.Theta(y, x), 12);
        Assert.Equal([2 + 3.3, 4 + 1.1, 5 - 1.1, 9 - 3.3], Cuped.Adjust(y, x, 2.2, 2.5).Select(v => Math.Round(v, 10)));
        Assert.Equal(0, Cuped.Theta(y, [3, 3, 3, 3]));
    }

    [Fact]
    public void Cuped_lowers_the_variance_by_about_rho_squared_on_correlated_pre_period_data()
    {
        // y = x + noise with var(x) = var(noise) = 1: ρ² = 0.5, so the adjusted variance is about half.
        var random = new Random(7);
        var x = Enumerable.Range(0, 20_000).Select(_ => Gaussian(random)).ToArray();
        var y = x.Select(v => 3 + v + Gaussian(random)).ToArray();
        var theta = Cuped.Theta(y, x);
        var adjusted = Cuped.Adjust(y, x, theta, x.Average());

        Assert.InRange(theta, 0.97, 1.03);
        var reduction = 1 - SampleMoments.Of(adjusted).Variance / SampleMoments.Of(y).Variance;
        Assert.InRange(reduction, 0.47, 0.53);
        Assert.Equal(SampleMoments.Of(y).Mean, SampleMoments.Of(adjusted).Mean, 10); // the mean is untouched
    }

    [Fact]
    public void Sample_ratio_test_flags_52_48_at_large_n_and_not_a_fair_split()
    {
        // 5200/4800 against 50/50: χ² = 2 × 200²/5000 = 16, p = 6.33e-5. 5030/4970: χ² = 0.36, p = 0.5485.
        var skewed = SampleRatioTest.Check([5200, 4800], [1, 1], 0.001);
        Assert.Equal(16, skewed.ChiSquare, 10);
        Assert.Equal(6.334e-5, skewed.PValue, 7);
        Assert.True(skewed.Mismatch);

        var fair = SampleRatioTest.Check([5030, 4970], [1, 1], 0.001);
        Assert.Equal(0.36, fair.ChiSquare, 10);
        Assert.Equal(0.5485, fair.PValue, 4);
        Assert.False(fair.Mismatch);

        // The same 52/48 split on 500 persons is within chance.
        Assert.False(SampleRatioTest.Check([260, 240], [1, 1], 0.001).Mismatch);
    }

    private static double[] Conversions(int n, int converted) => Enumerable.Range(0, n).Select(i => i < converted ? 1.0 : 0.0).ToArray();

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
