namespace ContentGrains.Core.Profiles;

/// <summary>
/// How a person answers each tag when it is shown to them: the engagement weight they gave the tag's items (their
/// interest) per impression of the tag, relative to the same ratio over everything they were shown. Clicks alone cannot
/// tell a favourite topic from a fluke: one click out of thirty showings of a tag and three clicks out of five both
/// leave an interest behind, and only the impressions tell them apart. The estimate is shrunk towards the person's
/// overall rate by <c>priorImpressions</c> imaginary impressions, so a tag never shown has lift 1 (it stays worth
/// trying), a tag shown often and never taken falls towards 0, and one taken often rises above 1.
/// Lift = (interest_tag / overall + prior) / (impressions_tag + prior), overall = Σ interest⁺ / Σ impressions.
/// A person with no impressions logged (a platform that sends none, or ml-100k) gets lift 1 for everything.
/// </summary>
public sealed class TagResponse
{
    public static readonly TagResponse None = new(new Dictionary<string, double>(StringComparer.Ordinal), 0, 1, new Dictionary<string, double>(StringComparer.Ordinal));

    private readonly Dictionary<string, double> interestPerOverall;
    private readonly IReadOnlyDictionary<string, double> impressions;
    private readonly double prior;
    private readonly double overall;

    private TagResponse(IReadOnlyDictionary<string, double> impressions, double prior, double overall, Dictionary<string, double> interestPerOverall)
    {
        this.impressions = impressions;
        this.prior = prior;
        this.overall = overall;
        this.interestPerOverall = interestPerOverall;
    }

    /// <summary>True when impressions were logged for the person, so lifts other than 1 are possible.</summary>
    public bool Known => impressions.Count > 0;

    /// <param name="interests">Interest per tag now (engagement weight, decayed).</param>
    /// <param name="impressions">Impressions per tag now (decayed with the same half-life).</param>
    /// <param name="priorImpressions">How many impressions at the person's overall rate every tag starts with.</param>
    public static TagResponse From(IReadOnlyList<KeyValuePair<string, double>> interests, IReadOnlyDictionary<string, double> impressions, double priorImpressions)
    {
        if (priorImpressions <= 0) throw new ArgumentOutOfRangeException(nameof(priorImpressions), priorImpressions, "priorImpressions must be positive");
        var shown = impressions.Values.Sum();
        if (shown <= 0) return None;
        var overall = interests.Sum(kv => Math.Max(0, kv.Value)) / shown;
        // Built once per feed, straight from the list: interest ÷ overall per tag (none when the person took nothing).
        var interestPerOverall = new Dictionary<string, double>(overall > 0 ? interests.Count : 0, StringComparer.Ordinal);
        if (overall > 0)
            for (var i = 0; i < interests.Count; i++) interestPerOverall[interests[i].Key] = Math.Max(0, interests[i].Value) / overall;
        return new TagResponse(impressions, priorImpressions, overall, interestPerOverall);
    }

    /// <summary>The lift of one tag: 1 when nothing sets it apart from the person's overall response.</summary>
    public double LiftOf(string tag)
    {
        if (!Known) return 1;
        var shown = impressions.GetValueOrDefault(tag);
        return (interestPerOverall.GetValueOrDefault(tag) + prior) / (shown + prior);
    }

    /// <summary>The mean lift of an item's tags (an item is as appealing as its tags on average); 1 for an untagged item.</summary>
    public double LiftOf(IReadOnlyList<string> tags)
    {
        if (!Known || tags.Count == 0) return 1;
        // Indexed, not foreach: through the interface a foreach boxed an enumerator for every candidate of every feed
        // (about 10 KB of a feed's 24 KB for a person with impressions: bench/results/feed-cost-s15-stages-before.json).
        var sum = 0.0;
        for (var i = 0; i < tags.Count; i++) sum += LiftOf(tags[i]);
        return sum / tags.Count;
    }

    /// <summary>
    /// The person's engagement per impression of one tag, shrunk toward their overall rate by the prior impressions:
    /// (interest_tag + prior × overall) / (impressions_tag + prior), which is the lift times the overall rate. Unlike the
    /// lift it keeps how much the person engages at all, so a tag with lift 1 reads high for an eager person and low for
    /// one who rarely engages. 0 when nothing was logged.
    /// </summary>
    public double RateOf(string tag) => Known ? LiftOf(tag) * overall : 0;

    /// <summary>The mean rate of an item's tags (the mean lift times the overall rate); the overall rate for an untagged item.</summary>
    public double RateOf(IReadOnlyList<string> tags) => Known ? RateAtLift(LiftOf(tags)) : 0;

    /// <summary>The rate that a lift already computed (<see cref="LiftOf(IReadOnlyList{string})"/>) stands for: lift × the overall rate.</summary>
    public double RateAtLift(double lift) => lift * overall;

    /// <summary>
    /// How often the tag was shown to the person (impressions, decayed): 0 for a tag never shown. With the rate it tells
    /// a tag never tried (lift 1, nothing shown) from one tried often at the person's usual rate (lift 1, many shown).
    /// </summary>
    public double ShownOf(string tag) => impressions.GetValueOrDefault(tag);

    /// <summary>The mean impressions of an item's tags; 0 for an untagged item.</summary>
    public double ShownOf(IReadOnlyList<string> tags)
    {
        if (tags.Count == 0) return 0;
        var sum = 0.0;
        for (var i = 0; i < tags.Count; i++) sum += ShownOf(tags[i]); // indexed: no boxed enumerator per candidate
        return sum / tags.Count;
    }

    /// <summary>The lift as a ranking part in (−1, 1): (lift − 1) / (lift + 1), 0 at lift 1, symmetric in log(lift) around it.</summary>
    public static double Part(double lift) => (lift - 1) / (lift + 1);
}
