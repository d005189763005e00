using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Click;

/// <summary>
/// The weighted ranking (<see cref="Ranking.CandidateRanker"/>) recomputed from click rows, so the gate can score what
/// serves without a click model on the same held-out impressions as the candidate. Each part comes from the row's own column:
/// - model: <c>embedding_score</c> (the embedding model in force when the feed was shown) ÷ the largest |score| among
///   the rows scored together, as the ranking divides by the largest among its pooled candidates; 0 when missing, and
///   then the model-less weights apply, as they did when that feed was shown;
/// - interest: <c>tag_match</c> (the share of the item's tags among the person's recent items' tags), 0 when missing;
/// - popularity: log(1 + all-time clicks) ÷ the largest in the impressions it is made <see cref="For"/>, as the ranking
///   divides by the catalog's largest;
/// - freshness: 0.5^(age ÷ <see cref="FeedSettings.FreshnessHalfLife"/>) from <c>log_age_hours</c>;
/// - response: <see cref="TagResponse.Part"/> of exp(<c>log_tag_lift</c>), 0 when missing.
/// The weights are <see cref="FeedSettings.Weights"/> for the row: with a model when it has an embedding score, and for a
/// person whose impressions are logged when it has a tag lift.
/// The live interest match reads decayed interest weights, and the live model part is scaled over ~500 pooled
/// candidates rather than the feed's shown ones, so this is the ranking's shape on the row's signals rather than its
/// exact scores. Scores are ranks, not probabilities.
/// </summary>
public sealed class WeightedRowScorer(FeedSettings settings, float mostClicks) : IClickScorer
{
    private static readonly int Embedding = ClickFeatures.IndexOf("embedding_score");
    private static readonly int EmbeddingMissing = ClickFeatures.IndexOf("embedding_score_missing");
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
        var largestModel = 0.0;
        for (var r = 0; r < count; r++)
            if (rows[r * width + EmbeddingMissing] < 0.5f) largestModel = Math.Max(largestModel, Math.Abs(rows[r * width + Embedding]));
        var scores = new float[count];
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * width, width);
            var withModel = row[EmbeddingMissing] < 0.5f;
            var w = settings.Weights(withModel, impressionsLogged: row[LiftMissing] < 0.5f);
            var model = withModel && largestModel > 0 ? row[Embedding] / largestModel : 0;
            var popularity = mostClicks > 0 ? Math.Min(1, row[Clicks] / mostClicks) : 0;
            var freshness = row[AgeMissing] > 0.5f ? 0 : Math.Pow(0.5, (Math.Exp(row[Age]) - 1) / settings.FreshnessHalfLife.TotalHours);
            var response = row[LiftMissing] > 0.5f ? 0 : TagResponse.Part(Math.Exp(row[Lift]));
            scores[r] = (float)(w.Model * model + w.Interest * row[TagMatch] + w.Popularity * popularity + w.Freshness * freshness + w.Response * response);
        }
        return scores;
    }
}
