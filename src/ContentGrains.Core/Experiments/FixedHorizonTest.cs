using MathNet.Numerics.Distributions;

namespace ContentGrains.Core.Experiments;

/// <summary>
/// The classical two-sample test of treatment − control, valid when looked at once, at a sample fixed in advance.
/// Means: Welch's t-test (unequal variances; Welch–Satterthwaite degrees of freedom). Proportions: the two-sample z-test
/// with unpooled variances p(1 − p)/n, matching its interval. Peeking at it repeatedly and stopping at the first
/// significant look inflates the false-positive rate (the experiments bench measures by how much).
/// </summary>
public static class FixedHorizonTest
{
    public static IntervalEstimate Compare(SampleMoments control, SampleMoments treatment, MetricKind kind, double alpha)
    {
        var difference = treatment.Mean - control.Mean;
        if (kind == MetricKind.Proportion)
        {
            var variance = ProportionVariance(control) + ProportionVariance(treatment);
            return Normal(difference, Math.Sqrt(variance), alpha);
        }
        var vc = control.MeanVariance;
        var vt = treatment.MeanVariance;
        var se = Math.Sqrt(vc + vt);
        if (!(se > 0) || double.IsInfinity(se)) return Degenerate(difference, se);
        var df = (vc + vt) * (vc + vt) / (vc * vc / (control.Count - 1) + vt * vt / (treatment.Count - 1));
        var t = difference / se;
        var critical = StudentT.InvCDF(0, 1, df, 1 - alpha / 2);
        var p = 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(t)));
        return new IntervalEstimate(difference, se, difference - critical * se, difference + critical * se, p);
    }

    /// <summary>A normal (z) interval and two-sided p-value for an estimate with a known standard error.</summary>
    public static IntervalEstimate Normal(double estimate, double se, double alpha)
    {
        if (!(se > 0) || double.IsInfinity(se)) return Degenerate(estimate, se);
        var critical = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - alpha / 2);
        var p = 2 * (1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, Math.Abs(estimate / se)));
        return new IntervalEstimate(estimate, se, estimate - critical * se, estimate + critical * se, p);
    }

    private static double ProportionVariance(SampleMoments sample) =>
        sample.Count > 0 ? sample.Mean * (1 - sample.Mean) / sample.Count : double.PositiveInfinity;

    /// <summary>No spread (every value equal) or no data: no interval can be formed, and nothing is significant.</summary>
    private static IntervalEstimate Degenerate(double estimate, double se) =>
        new(estimate, double.IsNaN(se) ? double.PositiveInfinity : se, double.NegativeInfinity, double.PositiveInfinity, 1.0);
}
