using ContentGrains.Core.Candidates;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Ranking;

/// <summary>
/// Scores the pooled candidates: weight × part for the model, interest match (<see cref="InterestMatch"/>), popularity, freshness and the person's
/// response to the item's tags (<see cref="TagResponse"/>, 0 when they have no impressions logged) and topic match
/// (<see cref="TopicMatch"/>, 0 without a served topic model or topic interests). The model
/// part is the model's score divided by the largest absolute score among the candidates (so in [-1, 1]): a positive
/// scale, so the model's order survives unchanged when it is the only weight. The feed ranks into a list it reuses
/// (<see cref="FeedScratch"/>, the <c>into</c> argument): the ranking of ~500 candidates was a feed's largest allocation.
/// </summary>
public sealed class CandidateRanker(FeedSettings settings)
{
    public List<ScoredCandidate> Rank(
        CandidatePool pool, CatalogSnapshot catalog, ModelScores? modelScores,
        IReadOnlyList<KeyValuePair<string, double>> interests, DateTimeOffset now, TagResponse? response = null,
        TopicBook? topics = null, IReadOnlyList<TopicShare>? topicInterests = null, List<ScoredCandidate>? into = null,
        Dictionary<string, double>? interestsInto = null)
    {
        response ??= TagResponse.None;
        var scale = ModelScale(pool, modelScores);
        var w = settings.Weights(withModel: modelScores is not null, impressionsLogged: response.Known);
        // Loops into the feed's reused map (interestsInto) rather than ToDictionary and Max: no new map or iterator per feed.
        var interestByTag = interestsInto ?? new Dictionary<string, double>(interests.Count, StringComparer.Ordinal);
        interestByTag.Clear();
        var maxInterest = 0.0;
        for (var i = 0; i < interests.Count; i++)
        {
            interestByTag.Add(interests[i].Key, interests[i].Value);
            if (Math.Abs(interests[i].Value) is var strength && strength > maxInterest) maxInterest = strength;
        }
        var popularityScale = Math.Log(1 + catalog.MaxPopularity);
        var topicShares = topics is null || topicInterests is null ? null : topicInterests.ToDictionary(s => s.Topic, s => s.Share);

        var ranked = into ?? new List<ScoredCandidate>(pool.Count);
        ranked.Clear();
        ranked.EnsureCapacity(pool.Count);
        foreach (var entry in pool.Entries)
        {
            var e = catalog.Entries[entry];
            var model = scale > 0 && modelScores!.TryGet(entry, out var modelScore) ? modelScore / scale : 0;
            var (interest, tag) = InterestMatch(e, interestByTag, maxInterest, meanOverTags: response.Known);
            // At most 1: an entry may have gained events since the snapshot's maximum was taken (slots are updated in place).
            var popularity = popularityScale > 0 ? Math.Min(1, Math.Log(1 + catalog.Popularity[entry]) / popularityScale) : 0;
            var freshness = e.PublishedAt is { } published
                ? Math.Pow(0.5, Math.Max(0, (now - published).TotalHours) / settings.FreshnessHalfLife.TotalHours)
                : 0;
            var answer = response.Known ? TagResponse.Part(response.LiftOf(e.Tags)) : 0;
            var (topic, matched) = topicShares is null || topicShares.Count == 0 ? (0, null) : TopicMatch.Of(topicShares, topics!.Of(e.ItemId));
            var score = w.Model * model + w.Interest * interest + w.Popularity * popularity + w.Freshness * freshness + w.Response * answer + w.Topic * topic;
            ranked.Add(new ScoredCandidate(entry, score, model, interest, tag, popularity, freshness, answer, topic, matched));
        }
        BestFirst.Sort(ranked, catalog);
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

    /// <summary>
    /// The person's interest in the item's tags relative to their strongest interest, in [-1, 1]; negative after dislikes.
    /// Summed over the tags and halved, unless <paramref name="meanOverTags"/>: then the mean over the item's tags, as the
    /// response part averages the person's lift over them. For a person whose impressions are logged, an item whose tags
    /// they took only in part is worth less to them than one wholly on what they take. Summed, a three-tag item on their
    /// favourite tag plus two they took now and then outranked an item on the favourite alone, and in the simulator most
    /// of a known person's feed went to such items (bench/results/learning-gap-eighth-pass.json). Without impressions
    /// (ml-100k) the sum stays, as the weights were tuned with it.
    /// </summary>
    private static (double Match, string? BestTag) InterestMatch(CatalogEntry entry, Dictionary<string, double> interestByTag, double maxInterest, bool meanOverTags)
    {
        if (maxInterest <= 0) return (0, null);
        double sum = 0, best = 0;
        string? bestTag = null;
        // Indexed: a foreach over the IReadOnlyList boxed an enumerator per candidate (5 % of a feed's allocations over HTTP).
        var tags = entry.Tags;
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (!interestByTag.TryGetValue(tag, out var w)) continue;
            sum += w;
            if (w > best) (best, bestTag) = (w, tag);
        }
        return (Math.Clamp(sum / maxInterest / (meanOverTags ? tags.Count : 2), -1, 1), bestTag);
    }
}
