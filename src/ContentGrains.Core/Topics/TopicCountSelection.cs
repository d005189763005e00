namespace ContentGrains.Core.Topics;

/// <summary>
/// Chooses the number of topics by a measure rather than by hand: fits every k in the range, scores each fit, keeps
/// the best score (the smallest k on a tie). Every k tried is reported with its score so the choice can be checked.
/// </summary>
public static class TopicCountSelection
{
    /// <param name="tried">Told each k once it is fitted and scored (a caller's progress display).</param>
    public static TopicCountChoice<TFit> Choose<TFit>(IEnumerable<int> candidates, Func<int, TFit> fit, Func<TFit, double> score, Action<int>? tried = null)
    {
        var scores = new List<TopicCountScore>();
        TFit? best = default;
        var bestK = 0;
        var bestScore = double.NegativeInfinity;
        foreach (var k in candidates.Distinct().Order())
        {
            var fitted = fit(k);
            var value = score(fitted);
            scores.Add(new TopicCountScore(k, value));
            if (value > bestScore) (best, bestK, bestScore) = (fitted, k, value);
            tried?.Invoke(k);
        }
        if (scores.Count == 0) throw new ArgumentException("candidates: no number of topics to try", nameof(candidates));
        return new TopicCountChoice<TFit>(bestK, best!, scores);
    }

    /// <summary>The k to try from <paramref name="min"/> to <paramref name="max"/> by <paramref name="step"/>, capped at the item count.</summary>
    public static IReadOnlyList<int> Range(int min, int max, int step, int items)
    {
        if (min < 2) throw new ArgumentOutOfRangeException(nameof(min), min, "the smallest number of topics must be at least 2");
        if (max < min) throw new ArgumentOutOfRangeException(nameof(max), max, $"the largest number of topics must be at least the smallest ({min})");
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), step, "step must be at least 1");
        var top = Math.Min(max, items - 1);
        if (top < min) throw new ArgumentException($"items: {items} are too few to try {min} topics", nameof(items));
        return Enumerable.Range(0, (top - min) / step + 1).Select(i => min + i * step).ToList();
    }
}

public sealed record TopicCountScore(int K, double Score);

public sealed record TopicCountChoice<TFit>(int K, TFit Fit, IReadOnlyList<TopicCountScore> Tried);
