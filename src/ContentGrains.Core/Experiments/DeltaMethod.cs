namespace ContentGrains.Core.Experiments;

/// <summary>
/// The variance of a ratio of two means by the delta method (Deng, Knoblich and Lu, "Applying the Delta Method in Metric
/// Analytics: A Practical Guide with Novel Ideas", KDD 2018, section 3): with per-person sums Y (numerator) and X
/// (denominator) over n persons and R = Ȳ / X̄,
/// Var(R) ≈ (1/n) (s²_Y / X̄² − 2 Ȳ s_XY / X̄³ + Ȳ² s²_X / X̄⁴).
/// The same number is the variance of the mean of each person's linearised value L = (Y − R X) / X̄ (whose mean is 0): the
/// first-order influence of the person on R. Working with L lets the ratio reuse what the means use: the two arms'
/// variances add, the confidence sequence takes its standard error, and CUPED adjusts L with a pre-exposure covariate.
/// </summary>
public static class DeltaMethod
{
    /// <summary>R, Var(R) and each person's linearised value; Var(R) is infinite when the denominators sum to 0 or n &lt; 2.</summary>
    public static RatioEstimate Of(ReadOnlySpan<double> numerators, ReadOnlySpan<double> denominators)
    {
        if (numerators.Length != denominators.Length) throw new ArgumentException("numerators and denominators must have the same length");
        var n = numerators.Length;
        var linearised = new double[n];
        double sumY = 0, sumX = 0;
        for (var i = 0; i < n; i++) (sumY, sumX) = (sumY + numerators[i], sumX + denominators[i]);
        if (n == 0 || sumX == 0) return new RatioEstimate(n, 0, double.PositiveInfinity, linearised);
        var meanX = sumX / n;
        var ratio = sumY / sumX;
        double squares = 0;
        for (var i = 0; i < n; i++)
        {
            linearised[i] = (numerators[i] - ratio * denominators[i]) / meanX;
            squares += linearised[i] * linearised[i];
        }
        var variance = n > 1 ? squares / (n - 1) / n : double.PositiveInfinity;
        return new RatioEstimate(n, ratio, variance, linearised);
    }

    /// <summary>
    /// The variance a binomial model gives R = Σ numerators / Σ denominators: R(1 − R) / Σ denominators, as if every
    /// impression were an independent draw. Not used by the analysis; the benches and tests show how far it understates
    /// the spread when a person's impressions share their click rate.
    /// </summary>
    public static double BinomialVariance(double sumNumerators, double sumDenominators)
    {
        if (!(sumDenominators > 0)) return double.PositiveInfinity;
        var ratio = sumNumerators / sumDenominators;
        return ratio * (1 - ratio) / sumDenominators;
    }
}

/// <summary>A ratio of sums over <paramref name="Count"/> persons, its delta-method variance, and each person's linearised value.</summary>
public sealed record RatioEstimate(long Count, double Ratio, double Variance, double[] Linearised);
