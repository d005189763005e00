using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Variants;

/// <summary>
/// What a feed needs to pick an item's variant without asking the item: the variants, their posteriors and, once the test
/// is over, the one to serve. Feeds hold these in a per-silo copy refreshed in the background.
/// </summary>
public sealed record VariantPosteriors(string ItemId, IReadOnlyList<HeadlineVariant> Variants, IReadOnlyList<BetaPosterior> Posteriors, string? Served)
{
    /// <summary>The variant for one impression: the served one when the test is over, else Thompson's pick with the floor.</summary>
    public HeadlineVariant Pick(double minShare, SimRandom random)
    {
        if (Served is not null)
            foreach (var v in Variants)
                if (v.Id == Served) return v;
        return Variants[ThompsonSampler.Pick(Posteriors, minShare, random)];
    }
}
