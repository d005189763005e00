namespace ContentGrains.Core.Click;

/// <summary>
/// The one place a live or logged (person, item, moment) becomes <see cref="ClickSignals"/>: the feed calls it for
/// each candidate, and <see cref="ClickLogReplay"/> for each logged impression, so a click model trained on the log
/// sees the rows it will score. The embedding score comes from the person's <see cref="PersonEmbedding"/> in both: the
/// feed's from the model it serves, the replay's from the embedding model in force when the logged feed was shown
/// (<see cref="Registry.FeedModelHistory"/>: trained before it, so never on its clicks). Signals the live engine does not keep yet stay missing in both:
/// co-click lift and earlier clicks (MIND's history column) and text similarity (item text vectors).
/// </summary>
public static class ClickRowBuilder
{
    /// <summary>
    /// The slot every live candidate is scored at. Position changes the click rate but not which item is better, and
    /// the order is not known before scoring: scoring all at one slot ranks by the item and person alone.
    /// </summary>
    public const int ScoringSlot = 0;

    /// <param name="itemId">The item (its embedding score is the person's <see cref="ClickPerson.Embedding"/> of it).</param>
    /// <param name="tags">The item's tags.</param>
    /// <param name="publishedAt">When the item was published; its first impression stands in when unknown, and "now" when it was never shown.</param>
    /// <param name="windows">The item's counters as of <paramref name="at"/>; null when it has none.</param>
    /// <param name="ctrPrior">The prior of the item's window CTRs: the CTR model's prediction for it, null for the fixed one.</param>
    public static ClickSignals Signals(
        string itemId, IReadOnlyList<string> tags, DateTimeOffset? publishedAt, RecentWindows? windows, ClickPerson person, DateTimeOffset at, string? channel, int slot,
        Performance.CtrPrior? ctrPrior = null)
    {
        var born = publishedAt ?? windows?.FirstSeen ?? at;
        var response = person.Response;
        double? lift = response.Known ? response.LiftOf(tags) : null; // once: both the lift and the rate read it
        return new ClickSignals
        {
            EmbeddingScore = person.Embedding?.ScoreOf(itemId),
            Age = at > born ? at - born : TimeSpan.Zero,
            ItemWindows = windows?.CountsAt(at),
            Channel = channel,
            HourOfDay = at.UtcDateTime.Hour,
            Slot = slot,
            UserHistoryLength = person.HistoryLength,
            SinceUserLastSeen = person.LastSeen is { } last ? at - last : null,
            TagMatch = TagMatch(tags, person.RecentTags),
            TagLift = lift is { } l ? (float)Math.Log(l) : null,
            TagRate = lift is { } r ? (float)response.RateAtLift(r) : null,
            TagShown = response.Known ? (float)response.ShownOf(tags) : null,
            CtrPrior = ctrPrior,
        };
    }

    /// <summary>The share of the item's tags among the person's recent tags; null when either side has none.</summary>
    public static float? TagMatch(IReadOnlyList<string> tags, IReadOnlySet<string> recentTags)
    {
        if (tags.Count == 0 || recentTags.Count == 0) return null;
        var matched = 0;
        for (var i = 0; i < tags.Count; i++) // indexed: a foreach over the interface boxed an enumerator per candidate
            if (recentTags.Contains(tags[i])) matched++;
        return (float)matched / tags.Count;
    }
}
