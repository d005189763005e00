namespace ContentGrains.Core.Evaluation;

/// <summary>
/// Partial selection of the K highest scores without sorting everything: one pass keeping a sorted buffer of
/// at most K entries (K is small, ≤ a few dozen). Items scored −∞ or NaN are treated as excluded.
/// Ties keep the lower item index first.
/// </summary>
public static class TopK
{
    /// <summary>Writes the best items, best first, into <paramref name="items"/> and returns how many were written.</summary>
    public static int Select(ReadOnlySpan<float> scores, Span<int> items) => Select(scores, items, allow: null);

    /// <summary>
    /// The best items among those <paramref name="allow"/> accepts: the same answer as scoring the refused ones −∞,
    /// but the filter is asked only about an item that would enter the current best K (about K·(1 + ln(n/K)) of n
    /// items in random order), since a filter costs far more than a score check (a hash lookup of the item's id).
    /// </summary>
    public static int Select(ReadOnlySpan<float> scores, Span<int> items, Func<int, bool>? allow)
    {
        var k = items.Length;
        if (k == 0)
            return 0;
        Span<float> best = k <= 64 ? stackalloc float[k] : new float[k];
        var count = 0;

        for (var item = 0; item < scores.Length; item++)
        {
            var score = scores[item];
            if (float.IsNaN(score) || float.IsNegativeInfinity(score))
                continue;
            if (count == k && score <= best[k - 1])
                continue; // not strictly better than the current K-th: an equal score loses to the lower index
            if (allow is not null && !allow(item))
                continue;

            // Insert after every entry scoring >= score, so earlier (lower) indices win ties.
            var position = count == k ? k - 1 : count;
            while (position > 0 && best[position - 1] < score)
            {
                best[position] = best[position - 1];
                items[position] = items[position - 1];
                position--;
            }
            best[position] = score;
            items[position] = item;
            if (count < k)
                count++;
        }
        return count;
    }
}
