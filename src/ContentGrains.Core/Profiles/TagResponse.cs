namespace ContentGrains.Core.Profiles;

/// <summary>
/// How a person answers each tag when it is shown to them: a Beta-Bernoulli estimate of their engagement rate per
/// examined impression of the tag. Every tag starts at the platform's typical rate <c>priorRate</c> (m), worth
/// <c>priorImpressions</c> (s) imaginary impressions: rate = (engaged + m·s) / (impressions + s), the mean of
/// Beta(engaged + m·s, impressions − engaged + (1 − m)·s). Impressions are counted with a position discount (see
/// <see cref="ShownPosition"/>), so a slot the person likely never read says little.
/// Lift = rate / m: 1 for a tag never shown, below 1 for a tag passed over (it keeps falling however often it was
/// taken before, unlike a ratio against the person's own overall rate, where the only clicked tag stayed above 1 for
/// ever), above 1 for a tag taken at a rate above the platform's.
/// The feed ranks by an optimistic lift (<see cref="OptimisticLiftOf(IReadOnlyList{string}, double)"/>: the mean plus
/// a bonus × the posterior's standard deviation), so a tag never shown carries an exploration bonus and is tried
/// before one already passed over. A tag is clear (<see cref="IsClear"/>) once its rate is known to be above the
/// platform's: until then the feed spreads over tags rather than filling up with one (<see cref="Reranking.TagSpread"/>).
/// A person with no impressions logged (a platform that sends none, or ml-100k) gets lift 1 for everything.
/// </summary>
public sealed class TagResponse
{
    public static readonly TagResponse None = new(new Dictionary<string, double>(StringComparer.Ordinal), new Dictionary<string, double>(StringComparer.Ordinal), 1, 0.05);

    private readonly IReadOnlyDictionary<string, double> engaged;
    private readonly IReadOnlyDictionary<string, double> impressions;
    private readonly double prior;
    private readonly double priorRate;

    private TagResponse(IReadOnlyDictionary<string, double> engaged, IReadOnlyDictionary<string, double> impressions, double prior, double priorRate)
    {
        this.engaged = engaged;
        this.impressions = impressions;
        this.prior = prior;
        this.priorRate = priorRate;
    }

    /// <summary>True when impressions were logged for the person, so lifts other than 1 are possible.</summary>
    public bool Known => impressions.Count > 0;

    /// <param name="engaged">Engaged items per tag now (decayed).</param>
    /// <param name="impressions">Position-discounted impressions per tag now (decayed with the same half-life).</param>
    /// <param name="priorImpressions">How many impressions at the platform's rate every tag starts with (s).</param>
    /// <param name="priorRate">The platform's typical engagement rate per examined impression (m), in (0, 1).</param>
    public static TagResponse From(
        IReadOnlyDictionary<string, double> engaged, IReadOnlyDictionary<string, double> impressions, double priorImpressions, double priorRate)
    {
        if (priorImpressions <= 0) throw new ArgumentOutOfRangeException(nameof(priorImpressions), priorImpressions, "priorImpressions must be positive");
        if (priorRate is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(priorRate), priorRate, "priorRate must be between 0 and 1 (exclusive)");
        return impressions.Values.Sum() <= 0 ? None : new TagResponse(engaged, impressions, priorImpressions, priorRate);
    }

    /// <summary>The posterior mean engagement rate of one tag (the prior rate when nothing is known), at most 1.</summary>
    public double RateOf(string tag) =>
        Math.Min(1, (engaged.GetValueOrDefault(tag) + priorRate * prior) / (impressions.GetValueOrDefault(tag) + prior));

    /// <summary>The posterior's standard deviation: √(rate (1 − rate) / (impressions + s + 1)).</summary>
    public double SpreadOf(string tag)
    {
        var rate = RateOf(tag);
        return Math.Sqrt(rate * (1 - rate) / (impressions.GetValueOrDefault(tag) + prior + 1));
    }

    /// <summary>The lift of one tag: 1 when nothing sets it apart from the platform's rate.</summary>
    public double LiftOf(string tag) => Known ? RateOf(tag) / priorRate : 1;

    /// <summary>The mean lift of an item's tags (an item is as appealing as its tags on average); 1 for an untagged item.</summary>
    public double LiftOf(IReadOnlyList<string> tags) => MeanOver(tags, LiftOf);

    /// <summary>(rate + bonus × spread) / m for one tag: what the tag may be worth, so the unknown is tried.</summary>
    public double OptimisticLiftOf(string tag, double bonus) => Known ? (RateOf(tag) + bonus * SpreadOf(tag)) / priorRate : 1;

    /// <summary>The mean optimistic lift of an item's tags; 1 for an untagged item or a person with no impressions.</summary>
    public double OptimisticLiftOf(IReadOnlyList<string> tags, double bonus) => MeanOver(tags, tag => OptimisticLiftOf(tag, bonus));

    /// <summary>True when the person took the tag and its rate is above the platform's by more than <paramref name="confidence"/> standard deviations.</summary>
    public bool IsClear(string tag, double confidence) =>
        Known && engaged.GetValueOrDefault(tag) > 0 && RateOf(tag) - confidence * SpreadOf(tag) > priorRate;

    /// <summary>The lift as a ranking part in (−1, 1): (lift − 1) / (lift + 1), 0 at lift 1, symmetric in log(lift) around it.</summary>
    public static double Part(double lift) => (lift - 1) / (lift + 1);

    private double MeanOver(IReadOnlyList<string> tags, Func<string, double> lift)
    {
        if (!Known || tags.Count == 0) return 1;
        var sum = 0.0;
        foreach (var tag in tags) sum += lift(tag);
        return sum / tags.Count;
    }
}
