namespace ContentGrains.Abstractions;

/// <summary>One fit of the topics: the stored version (null on failure), items fitted, the k chosen, and why it failed.</summary>
[GenerateSerializer, Immutable, Alias("cg.TopicsRun")]
public sealed record TopicsRun(
    [property: Id(0)] long? Version,
    [property: Id(1)] DateTimeOffset FinishedAt,
    [property: Id(2)] int Items,
    [property: Id(3)] int Topics,
    [property: Id(4)] double Seconds,
    [property: Id(5)] string? Error,
    [property: Id(6)] bool TooFewItems = false);

/// <summary>A topic and its share (of an item's mixture, or of a person's interests), with the topic's name.</summary>
[GenerateSerializer, Immutable, Alias("cg.TopicShareView")]
public sealed record TopicShareView([property: Id(0)] int Topic, [property: Id(1)] string Name, [property: Id(2)] double Share);

/// <summary>
/// A person's topic interests now, under the served topic model's version: shares of their decayed engagement, heaviest
/// first. Empty before any fit, or while the person has engaged with no item that has topics.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.UserTopics")]
public sealed record UserTopics(
    [property: Id(0)] string UserId,
    [property: Id(1)] long? Version,
    [property: Id(2)] IReadOnlyList<TopicShareView> Interests);

/// <summary>Fits the topics over the catalog's item text vectors (key "default"), stores each fit as a model version, refits on a schedule.</summary>
public interface ITopicsGrain : IGrainWithStringKey
{
    /// <summary>Fits now and waits for the run to end.</summary>
    Task<TopicsRun> FitAsync();

    /// <summary>The latest stored version, or null when none was fitted.</summary>
    Task<long?> GetLatestVersionAsync();
}
