using ContentGrains.Core.Topics;

namespace ContentGrains.Grains;

/// <summary>Topics over the catalog's item text ("ContentGrains:Engine:Topics"): how they are fitted and how often.</summary>
public sealed class TopicsOptions
{
    /// <summary>The model-store name the topic versions are stored under.</summary>
    public const string ModelName = "topics";

    /// <summary>How often the topics are fitted again; zero turns the schedule off (POST /v1/topics/fit by hand).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
    /// <summary>The range of topic counts tried; the one with the highest cosine silhouette is kept.</summary>
    public int MinTopics { get; set; } = 5;
    public int MaxTopics { get; set; } = 40;
    public int Restarts { get; set; } = 4;
    public int Seed { get; set; } = 42;
    /// <summary>Items k is chosen on (a seeded sample of a larger catalog); every item then gets its mixture.</summary>
    public int SampleSize { get; set; } = 4_000;
    public int TopItemsPerTopic { get; set; } = 100;

    public CatalogTopicOptions Fit => new(MinTopics, MaxTopics, Restarts, Seed, SampleSize, TopItemsPerTopic);
}
