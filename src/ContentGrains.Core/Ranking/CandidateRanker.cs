using ContentGrains.Core.Candidates;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Ranking;

/// <summary>
/// Scores the pooled candidates: weight × part for the model, interest match, popularity, freshness and the person's
/// response to the item's tags (<see cref="TagResponse"/>, 0 when they have no impressions logged). The model
/// part is the model's score divided by the largest absolute score among the candidates (so in [-1, 1]): a positive
/// scale, so the model's order survives unchanged when it is the only weight.
/// </summary>
public sealed class CandidateRanker(FeedSettings settings)
{
    public List<ScoredCandidate> Rank(
        CandidatePool pool, CatalogSnapshot catalog, ModelScores? modelScores,
        IReadOnlyList<KeyValuePair<string, double>> interests, DateTimeOffset now, TagResponse? response = null)
    {
        response ??= TagResponse.None;
        var scale = ModelScale(pool, modelScores);
        var w = settings.Weights(withModel: modelScores is not null);
        var interestByTag = interests.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var maxInterest = interests.Count == 0 ? 0 : interests.Max(kv => Math.Abs(kv.Value));
        var popularityScale = Math.Log(1 + catalog.MaxPopularity);

        var ranked = new List<ScoredCandidate>(pool.Count);
        foreach (var entry in pool.Entries)
        {
            var e = catalog.Entries[entry];
            var model = scale > 0 && modelScores!.TryGet(entry, out var modelScore) ? modelScore / scale : 0;
            var (interest, tag) = InterestMatch(e, interestByTag, maxInterest);
            // At most 1: an entry may have gained events since the snapshot's maximum was taken (slots are updated in place).
            var popularity = popularityScale > 0 ? Math.Min(1, Math.Log(1 + catalog.Popularity[entry]) / popularityScale) : 0;
            var freshness = e.PublishedAt is { } published
                ? Math.Pow(0.5, Math.Max(0, (now - published).TotalHours) / settings.FreshnessHalfLife.TotalHours)
                : 0;
            var answer = response.Known ? TagResponse.Part(response.LiftOf(e.Tags)) : 0;
            var score = w.Model * model + w.Interest * interest + w.Popularity * popularity + w.Freshness * freshness + w.Response * answer;
            ranked.Add(new ScoredCandidate(entry, score, model, interest, tag, popularity, freshness, answer));
        }
        ranked.Sort((a, b) => a.Score != b.Score
            ? b.Score.CompareTo(a.Score)
            : string.CompareOrdinal(catalog.Entries[a.Entry].ItemId, catalog.Entries[b.Entry].ItemId));
        return ranked;
    }

    private static double ModelScale(CandidatePool pool, ModelScores? scores)
    {
        if (scores is null) return 0;
        double largest = 0;
        foreach (var entry in pool.Entries)
            if (scores.TryGet(entry, out var score))
                largest = Math.Max(largest, Math.Abs(score));
        return largest;
    }

    /// <summary>The person's interest in the item's tags relative to their strongest interest, in [-1, 1]; negative after dislikes.</summary>
    private static (double Match, string? BestTag) InterestMatch(CatalogEntry entry, Dictionary<string, double> interestByTag, double maxInterest)
    {
        if (maxInterest <= 0) return (0, null);
        double sum = 0, best = 0;
        string? bestTag = null;
        foreach (var tag in entry.Tags)
        {
            if (!interestByTag.TryGetValue(tag, out var w)) continue;
            sum += w;
            if (w > best) (best, bestTag) = (w, tag);
        }
        return (Math.Clamp(sum / maxInterest / 2, -1, 1), bestTag);
    }
}
