using ContentGrains.Core.Candidates;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Live;
using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Ranking;

/// <summary>
/// Says why an item is in the feed, from the part of its score that contributed most: the model ("because you
/// watched X", X being the recent item most similar to it), the person's interests, a topic they follow ("from topic
/// space, nasa, mars"), trending, or freshness.
/// </summary>
public sealed class Reasons(FeedSettings settings)
{
    public const string Exploration = "something new to explore";
    private const int HistoryItemsConsidered = 20;

    public string For(ScoredCandidate c, CatalogSnapshot catalog, CandidatePool pool, LiveModel? model, ModelCatalogLink? link, IReadOnlyList<string> history,
        IItemTopicLookup? topics = null, bool impressionsLogged = false)
    {
        var w = settings.Weights(withModel: link is not null, impressionsLogged);
        // The strongest part, compared in place (an array of the parts and MaxBy's enumerator were made for every item).
        var strongest = (Value: w.Model * c.Model, Kind: 0);
        Stronger(ref strongest, w.Interest * c.Interest + w.Response * c.Response, 1);
        Stronger(ref strongest, w.Popularity * c.Popularity, 2);
        Stronger(ref strongest, w.Freshness * c.Freshness, 3);
        Stronger(ref strongest, w.Topic * c.Topic, 4);
        if (strongest.Value <= 0) return "from the catalog";
        return strongest.Kind switch
        {
            0 => BecauseOf(pool.BroughtBy(c.Entry) ?? MostSimilarRecent(c.Entry, model, link, history), catalog) ?? "recommended for you",
            1 when c.InterestTag is not null => c.Popularity >= 0.5 ? $"trending in your interests: {c.InterestTag}" : $"matches your interest in {c.InterestTag}",
            1 => "matches your interests",
            2 => "trending now",
            4 when c.MatchedTopic is { } topic && topics?.NameOf(topic) is { } name => FromTopic(name),
            _ => "new",
        };
    }

    /// <summary>Takes the part when it is greater; the first of equal parts stays, as MaxBy kept it (same comparison).</summary>
    private static void Stronger(ref (double Value, int Kind) strongest, double value, int kind)
    {
        if (value.CompareTo(strongest.Value) > 0) strongest = (value, kind);
    }

    /// <summary>The reason of an item brought and ranked by a topic the person follows.</summary>
    public static string FromTopic(string topicName) => $"from topic {topicName}";

    private static string? BecauseOf(string? itemId, CatalogSnapshot catalog) =>
        itemId is null ? null : $"because you watched {catalog.Find(itemId)?.Title ?? itemId}";

    private static string? MostSimilarRecent(int entry, LiveModel? model, ModelCatalogLink? link, IReadOnlyList<string> history)
    {
        if (model is null || link is null || link.ModelIndexOf(entry) is var target && target < 0) return null;
        string? best = null;
        var bestWeight = 0f;
        for (var i = 0; i < Math.Min(HistoryItemsConsidered, history.Count); i++) // indexed: Take made an iterator per item
        {
            var itemId = history[i];
            var m = model.IndexOf(itemId);
            if (m < 0) continue;
            var weight = model.Cosine(m, target);
            if (weight > bestWeight) (best, bestWeight) = (itemId, weight);
        }
        return best;
    }
}
