namespace ContentGrains.Core.Feed;

/// <summary>
/// The live feed's knobs: how many candidates each source offers, the ranking weights, the diversity weight and the
/// exploration slots. Bound from "ContentGrains:Engine:Feed". Setting DiversityWeight and ExplorationSlots to 0 and
/// the non-model weights to 0 makes the feed the published model's own top-N (the offline = live check does so).
/// </summary>
public sealed record FeedSettings
{
    // Candidate sources.
    public int ModelCandidates { get; init; } = 200;
    public int RecentItemsForSimilar { get; init; } = 10;
    public int SimilarPerRecentItem { get; init; } = 20;
    public int TopInterestTags { get; init; } = 10;
    public int CandidatesPerTag { get; init; } = 50;
    public int PopularCandidates { get; init; } = 100;
    public int FreshCandidates { get; init; } = 50;
    /// <summary>Association rules: the recent items (and their pairs) whose rules bring candidates, and the rules used per antecedent.</summary>
    public int RuleRecentItems { get; init; } = 5;
    public int RulesPerRecentItem { get; init; } = 10;
    /// <summary>Topics: the person's heaviest topics whose top items are candidates, and how many items each brings.</summary>
    public int TopTopics { get; init; } = 3;
    public int CandidatesPerTopic { get; init; } = 30;

    // Ranking: score = Σ weight × part, each part in [-1, 1]. Interest, popularity and diversity defaults were chosen on
    // ml-100k's validation split (bench/ContentGrains.Bench.Feed --sweep): NDCG@10 0.2580 against 0.2563 for the model alone.
    // The interest part is the person's interest in the item's tags over their strongest: summed and halved, or, for a
    // person whose impressions are logged (so the response part applies), the mean over the item's tags (CandidateRanker).
    public double ModelWeight { get; init; } = 2.0;
    public double InterestWeight { get; init; } = 0.25;
    public double PopularityWeight { get; init; } = 0.25;
    public double FreshnessWeight { get; init; } = 0.3;
    /// <summary>Before any model is published, interest has to carry personalisation alone, so it weighs more.</summary>
    public double InterestWeightWithoutModel { get; init; } = 1.0;
    public double PopularityWeightWithoutModel { get; init; } = 0.5;
    public TimeSpan FreshnessHalfLife { get; init; } = TimeSpan.FromDays(3);
    /// <summary>
    /// The person's own response to the item's tags (<see cref="Profiles.TagResponse"/>: engagement per impression against
    /// their overall rate). Zero for everyone whose impressions are not logged (so ml-100k's figures do not move); where
    /// they are, it outweighs popularity, as a tag the person keeps passing over is worth less to them than a popular one
    /// is worth to the crowd. The same weight with or without a model. 2 was chosen on the simulator (seed 1, 300 people,
    /// 600 items, 6 days, no model): expected CTR of what was shown 0.0535 at 1, 0.0618 at 2 (0.0348 before this part).
    /// </summary>
    public double ResponseWeight { get; init; } = 2.0;
    /// <summary>
    /// The person's topic interests against the item's topic mixture (<see cref="Topics.TopicMatch"/>, in [0, 1]); 0 when
    /// no topic model is served. With a model it is a light hint next to the model's score; without one it carries
    /// content personalisation beside tag interest (ml-100k figures in docs/content-strategy.md, "Topics served live and in the feed", Measured).
    /// </summary>
    public double TopicWeight { get; init; } = 0.25;
    public double TopicWeightWithoutModel { get; init; } = 0.5;

    /// <summary>
    /// The model's weight, with a model published, for a person whose impressions are logged; their interest and popularity
    /// then keep the weights they have without a model. The model's set above was tuned on ml-100k, where a model trained
    /// on 80,000 ratings is strong and nobody's impressions are logged; it cuts interest to a quarter and popularity to a
    /// half, and was tuned for the summed interest, not the mean over tags such a person gets (<see cref="Ranking.CandidateRanker"/>).
    /// On the simulator, where the platform logs what it shows, the embedding feed served 3.6-5.6 % more expected CTR over days
    /// 1-5 with these weights than with the model's set, in both worlds (four comparisons of 6-8 paired seeds; docs/learning.md, ninth pass).
    /// </summary>
    public double ModelWeightWithImpressions { get; init; } = 0.5;

    /// <summary>
    /// The ranking weights in force: without a model the catalog-only set; with one, the model's set, or for a person whose
    /// impressions are logged (<paramref name="impressionsLogged"/>) the catalog-only interest and popularity beside
    /// <see cref="ModelWeightWithImpressions"/>.
    /// </summary>
    public RankingWeights Weights(bool withModel, bool impressionsLogged = false) => (withModel, impressionsLogged) switch
    {
        (false, _) => new RankingWeights(0, InterestWeightWithoutModel, PopularityWeightWithoutModel, FreshnessWeight, ResponseWeight, TopicWeightWithoutModel),
        (true, false) => new RankingWeights(ModelWeight, InterestWeight, PopularityWeight, FreshnessWeight, ResponseWeight, TopicWeight),
        (true, true) => new RankingWeights(ModelWeightWithImpressions, InterestWeightWithoutModel, PopularityWeightWithoutModel, FreshnessWeight, ResponseWeight, TopicWeight),
    };

    // Re-ranking.
    /// <summary>MMR's λ: 0 ranks by relevance alone, 1 by novelty alone.</summary>
    public double DiversityWeight { get; init; } = 0.1;
    /// <summary>Slots at the end of a feed of 5 or more given to an item with little exposure so far.</summary>
    public int ExplorationSlots { get; init; } = 1;
    /// <summary>An item with fewer events than this is a candidate for an exploration slot.</summary>
    public long ExplorationMaxEvents { get; init; } = 20;
}

/// <summary>The weight of each ranking part.</summary>
public readonly record struct RankingWeights(double Model, double Interest, double Popularity, double Freshness, double Response = 0, double Topic = 0);
