namespace ContentGrains.Core.Click;

/// <summary>
/// Mid-rank percentiles within one slate: for each value, the share of the other values below it, ties counting
/// half, so the highest of n distinct values gets 1, the lowest 0, and a lone value 0.5. Sorting makes it
/// O(n log n), so a live slate of hundreds of candidates costs microseconds.
/// </summary>
public static class SlateRank
{
    /// <summary>Writes the percentile of each of <paramref name="values"/> into <paramref name="ranks"/> (same length).</summary>
    public static void Of(ReadOnlySpan<float> values, Span<float> ranks)
    {
        if (ranks.Length != values.Length)
            throw new ArgumentException($"ranks: expected {values.Length} values, got {ranks.Length}", nameof(ranks));
        var n = values.Length;
        if (n == 1) ranks[0] = 0.5f;
        if (n <= 1) return;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        for (var i = 0; i < n; i++)
        {
            var below = LowerBound(sorted, values[i]);
            var equalOthers = UpperBound(sorted, values[i]) - below - 1;
            ranks[i] = (float)((below + 0.5 * equalOthers) / (n - 1));
        }
    }

    private static int LowerBound(float[] sorted, float value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (sorted[mid] < value) low = mid + 1; else high = mid;
        }
        return low;
    }

    private static int UpperBound(float[] sorted, float value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (sorted[mid] <= value) low = mid + 1; else high = mid;
        }
        return low;
    }
}
