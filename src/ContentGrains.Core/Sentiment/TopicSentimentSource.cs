using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Sentiment;

/// <summary>
/// The served topics as the sentiment series' topic source: a comment also counts under its item's main topic. The
/// series is keyed by the topic's name (its heaviest words), not its id, because ids are renumbered at every refit: a
/// topic that keeps its words keeps its series, and one whose words change starts a new one.
/// </summary>
public sealed class TopicSentimentSource(Func<IItemTopicLookup?> current) : ISentimentTopics
{
    public IReadOnlyList<string> TopicsOf(string itemId) => current()?.MainTopicName(itemId) is { } name ? [name] : [];
}
