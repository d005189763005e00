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
/// Reorders the list it is given and returns it.
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
        return Reorder(ranked, probabilities);
    }

    /// <summary>
    /// Puts the candidates in place in the order of their probability (ties keep the weighted order), each scored with it.
    /// In place over a pooled copy: the LINQ order and its new list were 80+ KB a feed at 500 candidates.
    /// </summary>
    private static List<ScoredCandidate> Reorder(List<ScoredCandidate> ranked, float[] probabilities)
    {
        var order = new int[ranked.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => probabilities[b].CompareTo(probabilities[a]) is var byProbability and not 0 ? byProbability : a.CompareTo(b));
        var before = System.Buffers.ArrayPool<ScoredCandidate>.Shared.Rent(ranked.Count);
        try
        {
            ranked.CopyTo(before);
            for (var k = 0; k < order.Length; k++) ranked[k] = before[order[k]] with { Score = probabilities[order[k]] };
        }
        finally
        {
            // Cleared: the copies hold tag strings of the catalog the pool would otherwise keep alive.
            System.Buffers.ArrayPool<ScoredCandidate>.Shared.Return(before, clearArray: true);
        }
        return ranked;
    }
}
