namespace ContentGrains.Core.Topics;

/// <summary>
/// The one lookup other parts of the engine key by topic through (sentiment per topic, reports by topic): an item's
/// main topic and a topic's name, under the served model version.
/// </summary>
public interface IItemTopicLookup
{
    long Version { get; }

    /// <summary>The item's main topic id; null when the item was not in the fit (no text vector then).</summary>
    int? MainTopicOf(string itemId);

    /// <summary>The topic's short name (its three heaviest words); null for an unknown id.</summary>
    string? NameOf(int topicId);
}

/// <summary>An item's main topic by name: the one way sentiment series, KPI breakdowns and reports label an item's topic.</summary>
public static class ItemTopicNames
{
    /// <summary>The name of the item's main topic; null when the item was not in the fit or the topic has no name.</summary>
    public static string? MainTopicName(this IItemTopicLookup topics, string itemId) =>
        topics.MainTopicOf(itemId) is { } topic && topics.NameOf(topic) is { Length: > 0 } name ? name : null;
}

/// <summary>
/// The served topics of one model version, indexed by item: an item's mixture and main topic are one dictionary probe,
/// whatever the catalog's size. Items added after the fit get a mixture from their vector (<see cref="MixtureOf(string, float[])"/>).
/// </summary>
public sealed class TopicBook : IItemTopicLookup
{
    private readonly Dictionary<string, ItemTopics> byItem;
    private readonly TopicModel centroids;

    public TopicBook(CatalogTopics topics, long version)
    {
        Topics = topics;
        Version = version;
        byItem = topics.Items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        centroids = new TopicModel(topics.Topics.Select(t => new Topic(t.Id, t.Words, t.Size, t.Centroid)).ToList(), topics.Dimensions);
        TopItemLists = topics.Topics.Select(t => t.TopItems).ToList();
    }

    /// <summary>Each topic's top items, indexed by topic id (<see cref="TopicItemLists.For"/>'s input).</summary>
    public IReadOnlyList<IReadOnlyList<string>> TopItemLists { get; }

    public CatalogTopics Topics { get; }

    public long Version { get; }

    public int Count => Topics.Topics.Count;

    public ItemTopics? Of(string itemId) => byItem.GetValueOrDefault(itemId);

    public int? MainTopicOf(string itemId) => byItem.TryGetValue(itemId, out var item) ? item.MainTopic : null;

    public string? NameOf(int topicId) => Find(topicId)?.Name;

    public CatalogTopic? Find(int topicId) => topicId >= 0 && topicId < Topics.Topics.Count ? Topics.Topics[topicId] : null;

    /// <summary>The mixture of an item the fit did not see, from its unit text vector.</summary>
    public ItemTopics MixtureOf(string itemId, float[] unitVector)
    {
        if (unitVector.Length != Topics.Dimensions)
            throw new ArgumentException($"vector: {unitVector.Length} dimensions, the topics were fitted on {Topics.Dimensions}", nameof(unitVector));
        return ItemTopics.Of(itemId, centroids.MixtureOf(unitVector));
    }
}
