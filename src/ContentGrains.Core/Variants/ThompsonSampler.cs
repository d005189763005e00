using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Variants;

/// <summary>
/// Picks the variant for one impression: Thompson sampling (draw each variant's CTR from its posterior, show the highest)
/// with a floor, so that every variant keeps at least <see cref="VariantSettings.MinShare"/> of impressions while the test
/// runs: with probability K × MinShare the pick is uniform over the K variants, otherwise it is Thompson's.
/// </summary>
public static class ThompsonSampler
{
    public static int Pick(IReadOnlyList<BetaPosterior> variants, double minShare, SimRandom random)
    {
        if (variants.Count == 0) throw new ArgumentException("at least one variant is needed", nameof(variants));
        if (random.NextDouble() < variants.Count * minShare) return random.NextInt(variants.Count);
        var best = 0;
        var bestDraw = double.NegativeInfinity;
        for (var i = 0; i < variants.Count; i++)
        {
            var draw = variants[i].Sample(random);
            if (draw > bestDraw) (best, bestDraw) = (i, draw);
        }
        return best;
    }
}
