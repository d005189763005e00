using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Click;

/// <summary>
/// The weighted ranking (<see cref="Ranking.CandidateRanker"/> without a model) recomputed from click rows, so the gate
/// can score what serves before any click model on the same held-out impressions as the candidate. Each part comes from
/// the row's own column:
/// - interest: <c>tag_match</c> (the share of the item's tags among the person's recent items' tags), 0 when missing;
/// - popularity: log(1 + all-time clicks) ÷ the largest in the impressions it is made <see cref="For"/>, as the ranking
///   divides by the catalog's largest;
/// - freshness: 0.5^(age ÷ <see cref="FeedSettings.FreshnessHalfLife"/>) from <c>log_age_hours</c>;
/// - response: <see cref="TagResponse.Part"/> of exp(<c>log_tag_lift</c>), 0 when missing.
/// The live interest match reads decayed interest weights, which the row does not carry, so this is the ranking's
/// shape on the row's signals rather than its exact scores. Scores are ranks, not probabilities.
/// </summary>
public sealed class WeightedRowScorer(FeedSettings settings, float mostClicks) : IClickScorer
{
    private static readonly int TagMatch = ClickFeatures.IndexOf("tag_match");
    private static readonly int Clicks = ClickFeatures.IndexOf("log_clicks_all");
    private static readonly int Age = ClickFeatures.IndexOf("log_age_hours");
    private static readonly int AgeMissing = ClickFeatures.IndexOf("log_age_hours_missing");
    private static readonly int Lift = ClickFeatures.IndexOf("log_tag_lift");
    private static readonly int LiftMissing = ClickFeatures.IndexOf("log_tag_lift_missing");

    public string Version => FeedPipeline.HeuristicName;

    /// <summary>The scorer for <paramref name="impressions"/>: popularity is scaled by their most-clicked item.</summary>
    public static WeightedRowScorer For(FeedSettings settings, IReadOnlyList<ClickImpression> impressions)
    {
        var most = 0f;
        foreach (var impression in impressions)
            for (var r = 0; r < impression.CandidateCount; r++)
                most = Math.Max(most, impression.Rows[r * ClickFeatures.Count + Clicks]);
        return new WeightedRowScorer(settings, most);
    }

    public float[] Score(float[] rows)
    {
        var width = ClickFeatures.Count;
        var count = rows.Length / width;
        var w = settings.Weights(withModel: false);
        var scores = new float[count];
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * width, width);
            var popularity = mostClicks > 0 ? Math.Min(1, row[Clicks] / mostClicks) : 0;
            var freshness = row[AgeMissing] > 0.5f ? 0 : Math.Pow(0.5, (Math.Exp(row[Age]) - 1) / settings.FreshnessHalfLife.TotalHours);
            var response = row[LiftMissing] > 0.5f ? 0 : TagResponse.Part(Math.Exp(row[Lift]));
            scores[r] = (float)(w.Interest * row[TagMatch] + w.Popularity * popularity + w.Freshness * freshness + w.Response * response);
        }
        return scores;
    }
}
