namespace ContentGrains.Core.Channels;

/// <summary>
/// Chooses which item a segment's next send carries, so items spread over segments: each segment first gets
/// <see cref="MinDistinctItems"/> different items (best CTR prior first), then sends are shared among the items in
/// proportion to their CTR priors (weighted round robin: the item furthest below its share goes next). People not in
/// a segment are spread as one segment of their own.
/// </summary>
public sealed class SegmentSpread(IReadOnlyList<PlanItem> items, int minDistinctItems = 3)
{
    private readonly double totalCtr = items.Sum(i => Math.Max(i.CtrPrior, 1e-9));
    private readonly Dictionary<string, int[]> counts = new(StringComparer.Ordinal);

    public int MinDistinctItems { get; } = Math.Min(minDistinctItems, items.Count);

    /// <summary>The index in the items of the next item for <paramref name="segment"/>, among those <paramref name="allowed"/>; -1 when none is.</summary>
    public int Pick(string? segment, Func<int, bool> allowed)
    {
        var used = Counts(segment);
        var sent = used.Sum();
        var distinct = used.Count(c => c > 0);
        var scores = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var share = Math.Max(items[i].CtrPrior, 1e-9) / totalCtr;
            // Until the segment has its minimum of distinct items, an unused item comes first (best prior among them).
            scores[i] = distinct < MinDistinctItems && used[i] == 0 ? 1e9 + share : share * (sent + 1) - used[i];
        }
        // Best score first; whether an item is allowed is asked only of the best ones (it costs a scan of the person's sends).
        for (var tries = 0; tries < items.Count; tries++)
        {
            var best = 0;
            for (var i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
            if (double.IsNegativeInfinity(scores[best])) return -1;
            if (allowed(best)) return best;
            scores[best] = double.NegativeInfinity;
        }
        return -1;
    }

    public void Count(string? segment, int item) => Counts(segment)[item]++;

    /// <summary>How many sends each item got in each segment so far.</summary>
    public IReadOnlyDictionary<string, int[]> Sends => counts;

    private int[] Counts(string? segment)
    {
        var key = segment ?? "";
        if (!counts.TryGetValue(key, out var used)) counts[key] = used = new int[items.Count];
        return used;
    }
}
