using ContentGrains.Core.Catalog;
using ContentGrains.Core.Click;

namespace ContentGrains.Core.Ranking;

/// <summary>
/// Ranks the candidates by the champion click model's P(engaged): one <see cref="ClickRowBuilder"/> row per candidate,
/// all at <see cref="ClickRowBuilder.ScoringSlot"/>, scored in one batch. The probability replaces the weighted score
/// (the other parts stay for the reasons): the click model already reads popularity, CTR, freshness and tag match,
/// and adding the heuristic's versions of them again would count them twice (the person's response to the item's
/// tags too: it is the row's log_tag_lift). Ties keep the weighted order. <c>ctrPriors</c> gives an item's CTR prior
/// (the CTR model's cached prediction; null for the fixed prior): a dictionary look-up, never a model call.
/// </summary>
public static class ClickRanker
{
    public static List<ScoredCandidate> Rank(
        List<ScoredCandidate> ranked, CatalogSnapshot catalog, ClickPerson person, DateTimeOffset now, string? channel, IClickScorer scorer,
        Func<string, Performance.CtrPrior?>? ctrPriors = null)
    {
        if (ranked.Count == 0) return ranked;
        var rows = new float[ranked.Count * ClickFeatures.Count];
        for (var i = 0; i < ranked.Count; i++)
        {
            var entry = catalog.Entries[ranked[i].Entry];
            var signals = ClickRowBuilder.Signals(entry.ItemId, entry.Tags, entry.PublishedAt, entry.Windows, person, now, channel, ClickRowBuilder.ScoringSlot,
                ctrPriors?.Invoke(entry.ItemId));
            ClickFeatures.Write(signals, rows.AsSpan(i * ClickFeatures.Count, ClickFeatures.Count));
        }
        var probabilities = scorer.Score(rows);
        if (probabilities.Length != ranked.Count)
            throw new InvalidOperationException($"click model {scorer.Version} returned {probabilities.Length} scores for {ranked.Count} rows");
        var order = Enumerable.Range(0, ranked.Count).OrderByDescending(i => probabilities[i]).ThenBy(i => i);
        return order.Select(i => ranked[i] with { Score = probabilities[i] }).ToList();
    }
}
