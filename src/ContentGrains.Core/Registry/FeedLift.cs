using ContentGrains.Core.Click;

namespace ContentGrains.Core.Registry;

/// <summary>
/// The paired lift of one click scorer over another on the same held-out feeds: for every feed with a click and a miss,
/// the first scorer's AUC on that feed minus the second's, and their mean with its standard error (sample standard
/// deviation ÷ √n). Pairing by feed takes out what makes a feed easy or hard for both scorers, so the spread left is
/// the scorers' own disagreement: a mean within two standard errors of zero is what a day of noise gives.
/// </summary>
/// <param name="Feeds">The feeds compared (each with a click and a miss).</param>
/// <param name="Mean">The mean per-feed AUC difference (0 without feeds).</param>
/// <param name="StandardError">The sample standard deviation of the differences ÷ √<paramref name="Feeds"/>; infinite under two feeds (no spread to measure).</param>
public sealed record FeedLift(int Feeds, double Mean, double StandardError)
{
    /// <summary>The lift of <paramref name="scorer"/> over <paramref name="reference"/> on each scorable feed of <paramref name="feeds"/>.</summary>
    public static FeedLift Between(IReadOnlyList<ClickImpression> feeds, Func<float[], float[]> scorer, Func<float[], float[]> reference)
    {
        var lifts = new List<double>();
        foreach (var feed in feeds)
        {
            if (!ImpressionMetrics.IsScorable(feed.Labels)) continue;
            lifts.Add(ImpressionMetrics.Auc(scorer(feed.Rows), feed.Labels) - ImpressionMetrics.Auc(reference(feed.Rows), feed.Labels));
        }
        return Of(lifts);
    }

    /// <summary>Mean and standard error of per-feed lifts.</summary>
    public static FeedLift Of(IReadOnlyList<double> lifts)
    {
        var n = lifts.Count;
        if (n == 0) return new FeedLift(0, 0, double.PositiveInfinity);
        var mean = lifts.Average();
        if (n == 1) return new FeedLift(1, mean, double.PositiveInfinity);
        var variance = lifts.Sum(l => (l - mean) * (l - mean)) / (n - 1);
        return new FeedLift(n, mean, Math.Sqrt(variance / n));
    }

    /// <summary>Whether the mean is above <paramref name="standardErrors"/> standard errors (a lift noise alone rarely gives).</summary>
    public bool IsAbove(double standardErrors) => Mean > standardErrors * StandardError;

    /// <summary>Whether the mean is below minus <paramref name="standardErrors"/> standard errors (the reference is the better, beyond noise).</summary>
    public bool IsBelow(double standardErrors) => Mean < -standardErrors * StandardError;

    public override string ToString() => $"{Mean:+0.0000;-0.0000;0.0000} ± {StandardError:F4} (SE) over {Feeds} feeds";
}
