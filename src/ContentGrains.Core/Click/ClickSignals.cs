namespace ContentGrains.Core.Click;

/// <summary>
/// What is known about one (person, item, context) when the item is about to be shown: the raw inputs that
/// <see cref="ClickFeatures"/> turns into a model row. A null means the signal is unavailable (no embedding model yet,
/// no text, no publish time…); the row then carries a neutral value and a "missing" indicator.
/// </summary>
public sealed record ClickSignals
{
    /// <summary>The retrieval model's score of the item for the person.</summary>
    public float? EmbeddingScore { get; init; }

    /// <summary>Cosine between the item's text vector and the mean of the person's recent items' text vectors.</summary>
    public float? TextSimilarity { get; init; }

    /// <summary>
    /// How much the person's history looks like the histories of the item's earlier clickers (item-to-item
    /// co-occurrence): the mean over the person's recent items h of log(P(h | clicked the item) / P(h)), smoothed.
    /// </summary>
    public float? CoClick { get; init; }

    /// <summary>Time since the item was published, or first seen when the publish time is unknown.</summary>
    public TimeSpan? Age { get; init; }

    /// <summary>The item's counters, one per <see cref="RecentWindows.Names"/> entry; null means no counters (treated as zero).</summary>
    public IReadOnlyList<WindowCount>? ItemWindows { get; init; }

    /// <summary>Engagements the item had before its counters started (MIND: how often it appears in people's click histories).</summary>
    public double? EarlierClicks { get; init; }

    /// <summary>Where the item is shown ("web", "app", "push", "email", "social"; anything else counts as "other").</summary>
    public string? Channel { get; init; }

    /// <summary>Hour of the day (0–23) in the person's time when known, else UTC.</summary>
    public int HourOfDay { get; init; }

    /// <summary>Zero-based position in the list shown.</summary>
    public int? Slot { get; init; }

    /// <summary>How many items the person has engaged with so far.</summary>
    public int UserHistoryLength { get; init; }

    /// <summary>Time since the person was last seen; null for a person seen for the first time.</summary>
    public TimeSpan? SinceUserLastSeen { get; init; }

    /// <summary>Share of the item's tags (or category) found among the person's recent items' tags, 0–1.</summary>
    public float? TagMatch { get; init; }

    /// <summary>
    /// ln of the person's lift for the item's tags (<see cref="Profiles.TagResponse"/>: their engagement per impression of
    /// those tags against their overall rate); null when no impressions of theirs were logged.
    /// </summary>
    public float? TagLift { get; init; }

    /// <summary>
    /// The person's smoothed engagement per impression of the item's tags (<see cref="Profiles.TagResponse.RateOf(IReadOnlyList{string})"/>):
    /// the lift times their overall rate; null when no impressions of theirs were logged.
    /// </summary>
    public float? TagRate { get; init; }

    /// <summary>
    /// How often the item's tags were shown to the person, mean over the tags (decayed impressions,
    /// <see cref="Profiles.TagResponse.ShownOf(IReadOnlyList{string})"/>): 0 for tags never tried; null when no impressions of theirs were logged.
    /// </summary>
    public float? TagShown { get; init; }

    /// <summary>
    /// The prior the item's window CTRs are smoothed toward: the CTR model's prediction for the item when a model exists,
    /// null for the fixed <see cref="Performance.CtrPrior.ClickModel"/>.
    /// </summary>
    public Performance.CtrPrior? CtrPrior { get; init; }
}
