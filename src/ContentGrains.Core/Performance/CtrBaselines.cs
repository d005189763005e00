namespace ContentGrains.Core.Performance;

/// <summary>
/// The predictions a CTR model must beat: every item at the training mean, and every item at its creator's CTR so far
/// smoothed toward that mean (the training mean for an item with no creator).
/// </summary>
public static class CtrBaselines
{
    public static IReadOnlyList<double> GlobalMean(CtrFeatureEncoder encoder, IReadOnlyList<CtrFacts> items) =>
        items.Select(_ => encoder.MeanCtr).ToList();

    public static IReadOnlyList<double> CreatorSoFar(CtrFeatureEncoder encoder, IReadOnlyList<CtrFacts> items) =>
        items.Select(f => f.Creator is { } c ? encoder.CreatorCtr(c) : encoder.MeanCtr).ToList();
}
