using ContentGrains.Core.Click;

namespace ContentGrains.Core.Catalog;

/// <summary>
/// Each item's quality as its audience judged it: clicks over expected clicks (COEC), where an impression's expected
/// clicks are the platform's clicks per impression at the slot it was shown in. Position is taken out this way: an item
/// clicked as often from slot 6 as another from slot 0 was chosen against a lower examination, and rates higher. The
/// ratio is shrunk toward 1 by a Gamma prior of <see cref="PriorClicks"/> expected clicks, so an item with a handful of
/// impressions stays near the average instead of being ranked on a lucky click: (clicks + a) / (expected + a).
/// Impressions logged without a slot (replays, offline data) are expected to draw the platform's mean rate.
/// Immutable: a <see cref="CatalogView"/> publishes one per snapshot from its running per-slot totals.
/// </summary>
public sealed class ItemQuality
{
    /// <summary>No slotted traffic yet: every item at 1.</summary>
    public static readonly ItemQuality Neutral = new(new SlotTotals(), 3);

    /// <summary>Impressions a slot's rate is shrunk over toward the platform's mean rate, so a rarely used deep slot is not read as 0.</summary>
    public const double SlotPriorImpressions = 100;

    private readonly double[] slotRates = new double[RecentWindows.SlotBuckets];

    public ItemQuality(SlotTotals totals, double priorClicks)
    {
        if (!(priorClicks > 0)) throw new ArgumentOutOfRangeException(nameof(priorClicks), priorClicks, "the prior's expected clicks must be positive");
        PriorClicks = priorClicks;
        MeanRate = totals.Impressions > 0 ? (double)totals.Clicks / totals.Impressions : 0;
        for (var s = 0; s < slotRates.Length; s++)
            slotRates[s] = (totals.SlotClicks[s] + SlotPriorImpressions * MeanRate) / (totals.SlotImpressions[s] + SlotPriorImpressions);
    }

    public double PriorClicks { get; }
    /// <summary>The platform's clicks per impression over every item's all-time totals.</summary>
    public double MeanRate { get; }
    /// <summary>The platform's clicks per impression at each slot bucket (<see cref="RecentWindows.SlotBuckets"/>).</summary>
    public IReadOnlyList<double> SlotRates => slotRates;

    /// <summary>The clicks the item's impressions would have drawn at the platform's rate for their slots.</summary>
    public double ExpectedClicks(RecentWindows? windows)
    {
        if (windows is null) return 0;
        double expected = 0;
        long slotted = 0;
        if (windows.SlotImpressions is { } shown)
            for (var s = 0; s < shown.Length && s < slotRates.Length; s++)
            {
                expected += shown[s] * slotRates[s];
                slotted += shown[s];
            }
        return expected + Math.Max(0, windows.TotalImpressions - slotted) * MeanRate;
    }

    /// <summary>(clicks + a) / (expected + a): 1 for an item never shown, or while the platform has no clicks.</summary>
    public double Of(RecentWindows? windows) =>
        windows is null || MeanRate <= 0 ? 1 : (windows.TotalClicks + PriorClicks) / (ExpectedClicks(windows) + PriorClicks);

    public double Of(CatalogEntry entry) => Of(entry.Windows);

    /// <summary>The quality as a ranking part in [-1, 1]: log(quality) / log(4), so a quarter or four times the average reaches the ends.</summary>
    public static double Part(double quality) => Math.Clamp(Math.Log(quality) / Math.Log(4), -1, 1);
}

/// <summary>
/// The platform's impressions and clicks, in all and per slot bucket, summed over a view's entries. The view keeps it by
/// deltas: an entry's old counts come off when its new ones go on (<see cref="Remove"/>, <see cref="Add"/>).
/// </summary>
public sealed class SlotTotals
{
    public long Impressions { get; private set; }
    public long Clicks { get; private set; }
    public long[] SlotImpressions { get; } = new long[RecentWindows.SlotBuckets];
    public long[] SlotClicks { get; } = new long[RecentWindows.SlotBuckets];

    public void Add(RecentWindows? windows) => Move(windows, +1);

    public void Remove(RecentWindows? windows) => Move(windows, -1);

    private void Move(RecentWindows? windows, int sign)
    {
        if (windows is null) return;
        Impressions += sign * windows.TotalImpressions;
        Clicks += sign * windows.TotalClicks;
        Accumulate(SlotImpressions, windows.SlotImpressions, sign);
        Accumulate(SlotClicks, windows.SlotClicks, sign);
    }

    private static void Accumulate(long[] into, long[]? counts, int sign)
    {
        if (counts is null) return;
        for (var s = 0; s < into.Length && s < counts.Length; s++) into[s] += sign * counts[s];
    }
}
