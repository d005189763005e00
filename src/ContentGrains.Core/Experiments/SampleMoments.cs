namespace ContentGrains.Core.Experiments;

/// <summary>Count, mean and unbiased variance (n − 1) of a sample, by Welford's update (stable for large totals).</summary>
public readonly record struct SampleMoments(long Count, double Mean, double Variance)
{
    public static SampleMoments Of(ReadOnlySpan<double> values)
    {
        double mean = 0, m2 = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
        }
        return new SampleMoments(values.Length, mean, values.Length > 1 ? m2 / (values.Length - 1) : 0);
    }

    /// <summary>The squared standard error of the mean: variance / n.</summary>
    public double MeanVariance => Count > 0 ? Variance / Count : double.PositiveInfinity;
}

/// <summary>An estimate with its interval; <see cref="PValue"/> is null for intervals that come without one.</summary>
public sealed record IntervalEstimate(double Estimate, double StandardError, double Low, double High, double? PValue = null)
{
    /// <summary>True when the interval excludes 0.</summary>
    public bool Significant => Low > 0 || High < 0;
}
