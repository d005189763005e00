namespace ContentGrains.Core.Simulation;

/// <summary>
/// The knobs of the simulated audience. The defaults give a world where taste matters a lot (an item on a person's
/// favourite topic is clicked about 30 times as often as one on a topic they ignore), so a recommender that learns
/// tastes can beat a popularity feed by a clear margin, and the oracle's feed is a real ceiling.
/// </summary>
public sealed record WorldSettings
{
    public long Seed { get; init; } = 1;
    public int Users { get; init; } = 1_000;
    public int Items { get; init; } = 1_000;
    /// <summary>How many of <see cref="TopicVocabulary.Topics"/> the world uses.</summary>
    public int Topics { get; init; } = 20;
    /// <summary>Midnight UTC of the first simulated day; items are published in the two weeks before it.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Dirichlet α of a person's tastes over topics: below 1, most people care about a few topics only.</summary>
    public double TasteConcentration { get; init; } = 0.3;
    /// <summary>Slot k (0 = top) is examined with probability PositionDecay^k.</summary>
    public double PositionDecay { get; init; } = 0.85;
    /// <summary>Each click on a topic in a visit multiplies the attraction of that topic's items in the visit's later feeds by this.</summary>
    public double FatigueDecay { get; init; } = 0.6;
    /// <summary>An item shown earlier in the same session is passed over more easily (attraction times this).</summary>
    public double RepeatFactor { get; init; } = 0.3;
    /// <summary>Attraction = sigmoid(intercept + slope × affinity + quality) × freshness; affinity is in [0, 1].</summary>
    public double AttractionIntercept { get; init; } = -4.0;
    public double AttractionSlope { get; init; } = 5.5;
    /// <summary>Standard deviation of an item's quality, added to the attraction's logit.</summary>
    public double QualitySpread { get; init; } = 0.5;
    /// <summary>Freshness = floor + (1 − floor) × exp(−age in days / FreshnessDays).</summary>
    public double FreshnessDays { get; init; } = 7;
    public double FreshnessFloor { get; init; } = 0.5;
    /// <summary>A clicked item is liked with probability LikeGivenClick × attraction.</summary>
    public double LikeGivenClick { get; init; } = 0.5;
    /// <summary>Feeds a person asks for in one visit at most; the visit ends earlier after Patience unrewarding feeds in a row.</summary>
    public int MaxFeedsPerSession { get; init; } = 3;
    /// <summary>Chance of coming back the day after a visit: activity × (ReturnBase + ReturnGain × min(1, clicks / ClicksToSatisfy)).</summary>
    public double ReturnBase { get; init; } = 0.4;
    public double ReturnGain { get; init; } = 0.8;
    public double ClicksToSatisfy { get; init; } = 2;
    /// <summary>Chance of visiting after a day away: activity × LapsedReturn.</summary>
    public double LapsedReturn { get; init; } = 0.5;
    /// <summary>Planted audience groups (<see cref="PlantedSegments"/>); 0 = none, everyone's tastes drawn alike.</summary>
    public int Segments { get; init; }

    /// <summary>
    /// Planted best local hour (0–23) per channel: a send opens with probability OpenRate × (OffHourOpenShare +
    /// (1 − OffHourOpenShare) × exp(−d² / 2σ²)), d being the hours from the middle of the channel's best hour on the clock and σ
    /// <see cref="BestHourSpread"/>; a channel not listed has no best hour (OpenRate × OffHourOpenShare at every hour).
    /// </summary>
    public IReadOnlyDictionary<string, int> ChannelBestHours { get; init; } =
        new Dictionary<string, int> { ["web"] = 13, ["app-push"] = 19, ["email"] = 8, ["social"] = 21 };
    public double OpenRate { get; init; } = 0.3;
    public double OffHourOpenShare { get; init; } = 0.3;
    public double BestHourSpread { get; init; } = 2;

    /// <summary>Planted headline tests (<see cref="PlantedHeadlines"/>): this many items carry <see cref="HeadlineVariants"/>
    /// variants, one of which lifts the item's click probability by <see cref="HeadlineLift"/> (0.3 = 30% more clicks); 0 = none.</summary>
    public int HeadlineItems { get; init; }
    public int HeadlineVariants { get; init; } = 3;
    public double HeadlineLift { get; init; } = 0.3;

    /// <summary>The first problem with these settings, naming the field, or null.</summary>
    public string? Problem() =>
        Users < 1 ? "users must be at least 1"
        : Items < 1 ? "items must be at least 1"
        : Topics < 2 || Topics > TopicVocabulary.Topics.Count ? $"topics must be between 2 and {TopicVocabulary.Topics.Count}"
        : Segments < 0 || Segments > Topics ? $"segments must be between 0 and topics ({Topics}): each group needs a home topic of its own"
        : TasteConcentration <= 0 ? "tasteConcentration must be positive"
        : PositionDecay is <= 0 or > 1 ? "positionDecay must be in (0, 1]"
        : FatigueDecay is < 0 or > 1 ? "fatigueDecay must be in [0, 1]"
        : RepeatFactor is < 0 or > 1 ? "repeatFactor must be in [0, 1]"
        : MaxFeedsPerSession < 1 ? "maxFeedsPerSession must be at least 1"
        : ChannelBestHours.Values.Any(h => h is < 0 or > 23) ? "channelBestHours must be hours between 0 and 23"
        : OpenRate is < 0 or > 1 ? "openRate must be in [0, 1]"
        : OffHourOpenShare is < 0 or > 1 ? "offHourOpenShare must be in [0, 1]"
        : BestHourSpread <= 0 ? "bestHourSpread must be positive"
        : HeadlineItems < 0 || HeadlineItems > Items ? $"headlineItems must be between 0 and items ({Items})"
        : HeadlineVariants is < 2 or > Variants.VariantValidator.MaxVariants ? $"headlineVariants must be between 2 and {Variants.VariantValidator.MaxVariants}"
        : !(HeadlineLift > 0) ? "headlineLift must be above 0"
        : null;
}
