namespace ContentGrains.Bench;

/// <summary>
/// Nearest-rank percentiles, the one definition every bench program uses (compiled into each through
/// bench/Directory.Build.props), so that a p99 in one result file means the same as a p99 in another.
/// </summary>
public static class Percentiles
{
    /// <summary>The value at percentile <paramref name="p"/> (0-100] of values already sorted ascending: the smallest
    /// value with at least p % of the values at or below it. NaN for no values.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        if (p is <= 0 or > 100) throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile must be in (0, 100]");
        if (sorted.Count == 0) return double.NaN;
        // Less a hair: 99.9 / 100 * 1000 is 999.0000000000001 in doubles, whose ceiling would be rank 1,000 (the maximum).
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count - 1e-9);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The value at percentile <paramref name="p"/> of values in any order (sorts a copy).</summary>
    public static double Of(IEnumerable<double> values, double p) => OfSorted(values.Order().ToArray(), p);
}
