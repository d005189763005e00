using MathNet.Numerics.Distributions;

namespace ContentGrains.Core.Experiments;

/// <summary>The result of a sample-ratio check: Pearson's χ², its p-value, and whether it flags a mismatch.</summary>
public sealed record SampleRatioCheck(double ChiSquare, int DegreesOfFreedom, double PValue, bool Mismatch);

/// <summary>
/// Sample-ratio mismatch: Pearson's χ² of the persons per arm against the planned weights, with k − 1 degrees of
/// freedom. A mismatch means assignment or exposure logging is broken (bots, a redirect losing people, a crash in one
/// arm), and no effect estimate from the test can be trusted (Fabijan et al., KDD 2019).
/// </summary>
public static class SampleRatioTest
{
    public static SampleRatioCheck Check(IReadOnlyList<long> counts, IReadOnlyList<double> weights, double alpha)
    {
        if (counts.Count != weights.Count || counts.Count < 2) throw new ArgumentException("needs one count per weight, at least two");
        var total = counts.Sum();
        if (total == 0) return new SampleRatioCheck(0, counts.Count - 1, 1, false);
        var weightSum = weights.Sum();
        var chi = 0.0;
        for (var i = 0; i < counts.Count; i++)
        {
            var expected = total * weights[i] / weightSum;
            chi += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        var p = 1 - ChiSquared.CDF(counts.Count - 1, chi);
        return new SampleRatioCheck(chi, counts.Count - 1, p, p < alpha);
    }
}
