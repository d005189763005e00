namespace ContentGrains.Core.Experiments;

/// <summary>
/// CUPED (Deng, Xu, Kohavi and Walker, "Improving the sensitivity of online controlled experiments by utilizing
/// pre-experiment data", WSDM 2013): Y' = Y − θ(X − X̄) with X each person's pre-exposure value and
/// θ = cov(X, Y) / var(X), both pooled over all arms. X is independent of the arm, so the difference of means of Y' is
/// unbiased for the same effect, with variance reduced by a factor 1 − ρ²(X, Y).
/// </summary>
public static class Cuped
{
    /// <summary>θ = cov(X, Y) / var(X) over the pooled sample; 0 when X does not vary.</summary>
    public static double Theta(ReadOnlySpan<double> y, ReadOnlySpan<double> x)
    {
        if (y.Length != x.Length) throw new ArgumentException("y and x must have the same length");
        var mx = SampleMoments.Of(x).Mean;
        var my = SampleMoments.Of(y).Mean;
        double cov = 0, var = 0;
        for (var i = 0; i < x.Length; i++)
        {
            cov += (x[i] - mx) * (y[i] - my);
            var += (x[i] - mx) * (x[i] - mx);
        }
        return var > 0 ? cov / var : 0;
    }

    /// <summary>Y' = Y − θ(X − <paramref name="meanX"/>), element by element.</summary>
    public static double[] Adjust(ReadOnlySpan<double> y, ReadOnlySpan<double> x, double theta, double meanX)
    {
        var adjusted = new double[y.Length];
        for (var i = 0; i < y.Length; i++) adjusted[i] = y[i] - theta * (x[i] - meanX);
        return adjusted;
    }
}
