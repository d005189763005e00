namespace ContentGrains.Core.Performance;

/// <summary>
/// The prior a CTR is smoothed toward: (clicks + prior clicks) / (impressions + weight), prior clicks = mean × weight.
/// An item with no traffic sits at the mean; each impression moves it toward its own rate. The mean is fixed (the
/// engine's CtrPriorClicks / CtrPriorImpressions, the click model's 4 %), or the CTR model's prediction for the item
/// when a model exists (<see cref="WithPredicted"/>): the one place both the item's smoothed CTR and the click model's
/// CTR feature take it from.
/// </summary>
public readonly record struct CtrPrior
{
    private CtrPrior(double clicks, double weight)
    {
        Clicks = clicks;
        Weight = weight;
    }

    /// <summary>The click model's CTR feature prior: a typical news CTR of 4 % worth 10 impressions.</summary>
    public static readonly CtrPrior ClickModel = Around(Click.ClickFeatures.CtrPrior, Click.ClickFeatures.CtrPriorWeight);

    /// <summary>The prior's clicks: mean × weight.</summary>
    public double Clicks { get; }

    /// <summary>How many impressions the prior is worth.</summary>
    public double Weight { get; }

    /// <summary>The CTR of an item with no traffic (0 for a prior worth no impressions).</summary>
    public double Mean => Weight > 0 ? Clicks / Weight : 0;

    /// <summary>The prior of <paramref name="priorClicks"/> clicks in <paramref name="priorImpressions"/> impressions.</summary>
    public static CtrPrior Of(double priorClicks, double priorImpressions)
    {
        if (double.IsNaN(priorClicks) || priorClicks < 0) throw new ArgumentOutOfRangeException(nameof(priorClicks), priorClicks, "priorClicks must be zero or more");
        if (double.IsNaN(priorImpressions) || priorImpressions < 0)
            throw new ArgumentOutOfRangeException(nameof(priorImpressions), priorImpressions, "priorImpressions must be zero or more");
        return new CtrPrior(priorClicks, priorImpressions);
    }

    /// <summary>A prior at <paramref name="mean"/> worth <paramref name="weight"/> impressions.</summary>
    public static CtrPrior Around(double mean, double weight)
    {
        if (double.IsNaN(mean) || mean is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(mean), mean, "mean must be a rate in [0, 1]");
        if (double.IsNaN(weight) || weight < 0) throw new ArgumentOutOfRangeException(nameof(weight), weight, "weight must be zero or more impressions");
        return new CtrPrior(weight * mean, weight);
    }

    /// <summary>The same weight around the model's predicted CTR; this prior when there is no prediction.</summary>
    public CtrPrior WithPredicted(double? predicted) => predicted is { } p ? Around(Math.Clamp(p, 0, 1), Weight) : this;

    /// <summary>
    /// The smoothed CTR. A click means the item was shown, so it counts as shown at least as often as clicked: channels
    /// that send clicks without impressions (email, push) would otherwise give rates above 1.
    /// </summary>
    public double Smooth(double clicks, double impressions) => (clicks + Clicks) / (Math.Max(impressions, clicks) + Weight);
}
