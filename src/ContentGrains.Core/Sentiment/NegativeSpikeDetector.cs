namespace ContentGrains.Core.Sentiment;

/// <summary>
/// A series' window whose negative share is beyond its usual range: the series key (an item, a tag, a topic: see
/// <see cref="SentimentKeys"/>), the window's counts, the usual share and the tail probability.
/// </summary>
public sealed record SentimentAlert(string Key, DateTimeOffset WindowStart, int Negative, int Total, double UsualShare, double TailProbability);

/// <summary>
/// Flags a window whose negative share is beyond the item's usual range, robust to small counts: the item's own
/// earlier windows (up to <see cref="HistoryWindows"/>) give a Beta(1 + negatives, 1 + positives) belief about its
/// negative share, and the window alerts when seeing at least its negatives among its comments is less likely than
/// <see cref="Alpha"/> under the beta-binomial that belief predicts. A window needs <see cref="MinCount"/> comments;
/// an item needs <see cref="MinHistory"/> comments of history. The beta-binomial widens with little history, so a
/// new item's first bad day is not an alert, while a long steady history makes a real jump stand out.
/// </summary>
public sealed record NegativeSpikeDetector(int MinCount = 10, int MinHistory = 30, int HistoryWindows = 30, double Alpha = 1e-4)
{
    /// <summary>The alert for <paramref name="current"/> given the series' earlier windows (oldest first), or null.</summary>
    public SentimentAlert? Check(string key, IReadOnlyList<SentimentWindow> history, SentimentWindow current)
    {
        if (current.Total < MinCount) return null;
        var recent = history.TakeLast(HistoryWindows).ToList();
        var negatives = recent.Sum(w => w.Negative);
        var positives = recent.Sum(w => w.Positive);
        if (negatives + positives < MinHistory) return null;
        double a = 1 + negatives, b = 1 + positives;
        var tail = BetaBinomialTail(current.Negative, current.Total, a, b);
        return tail < Alpha ? new SentimentAlert(key, current.Start, current.Negative, current.Total, a / (a + b), tail) : null;
    }

    /// <summary>P(X ≥ k) for X ~ BetaBinomial(n, a, b).</summary>
    public static double BetaBinomialTail(int k, int n, double a, double b)
    {
        var logNorm = LogBeta(a, b);
        var sum = 0.0;
        for (var x = k; x <= n; x++)
            sum += Math.Exp(LogChoose(n, x) + LogBeta(x + a, n - x + b) - logNorm);
        return Math.Min(1, sum);
    }

    private static double LogChoose(int n, int k) => LogGamma(n + 1) - LogGamma(k + 1) - LogGamma(n - k + 1);

    private static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, 9 terms: about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
}
