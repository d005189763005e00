using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Variants;

/// <summary>
/// A variant's click probability after its impressions and clicks: Beta(prior clicks + clicks, prior misses + misses).
/// Misses are impressions without a click, never negative (a click whose impression was not reported counts as a hit).
/// </summary>
public readonly record struct BetaPosterior(double Alpha, double Beta)
{
    public static BetaPosterior From(long impressions, long clicks, double priorClicks = 1, double priorMisses = 1) =>
        new(priorClicks + clicks, priorMisses + Math.Max(0, impressions - clicks));

    public double Mean => Alpha / (Alpha + Beta);

    /// <summary>The central credible interval holding <paramref name="mass"/> of the posterior (0.95: the 2.5% and 97.5% quantiles).</summary>
    public (double Low, double High) Interval(double mass = 0.95)
    {
        var tail = (1 - mass) / 2;
        return (MathNet.Numerics.Distributions.Beta.InvCDF(Alpha, Beta, tail), MathNet.Numerics.Distributions.Beta.InvCDF(Alpha, Beta, 1 - tail));
    }

    /// <summary>One draw: X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β).</summary>
    public double Sample(SimRandom random)
    {
        var x = random.Gamma(Alpha);
        return x / (x + random.Gamma(Beta));
    }
}
