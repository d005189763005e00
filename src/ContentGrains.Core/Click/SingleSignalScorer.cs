namespace ContentGrains.Core.Click;

/// <summary>
/// Ranks by one feature of the row (or its negation), or at random: the single-signal baselines a click model is
/// compared with, scored by the same metric code on the same rows. Scores are ranks, not probabilities.
/// </summary>
public sealed class SingleSignalScorer : IClickScorer
{
    private readonly int feature;
    private readonly float sign;
    private readonly Random? random;

    private SingleSignalScorer(string version, int feature, float sign, Random? random)
    {
        Version = version;
        this.feature = feature;
        this.sign = sign;
        this.random = random;
    }

    public string Version { get; }

    /// <summary>The baselines MIND results are reported against: random, clicks so far, CTR so far, freshness.</summary>
    public static IReadOnlyList<SingleSignalScorer> Baselines(int seed) =>
    [
        new("random", -1, 0, new Random(seed)),
        new("clicks so far", ClickFeatures.IndexOf("log_clicks_all"), 1, null),
        new("ctr so far", ClickFeatures.IndexOf("ctr_all"), 1, null),
        new("freshness", ClickFeatures.IndexOf("log_age_hours"), -1, null),
    ];

    /// <summary>Ranks by the named feature of <see cref="ClickFeatures"/>, highest first (or lowest first when <paramref name="ascending"/>).</summary>
    public static SingleSignalScorer Feature(string name, bool ascending = false) =>
        new(name, ClickFeatures.IndexOf(name), ascending ? -1 : 1, null);

    public float[] Score(float[] rows)
    {
        var count = rows.Length / ClickFeatures.Count;
        var scores = new float[count];
        for (var r = 0; r < count; r++)
            scores[r] = random is not null ? random.NextSingle() : sign * rows[r * ClickFeatures.Count + feature];
        return scores;
    }
}
