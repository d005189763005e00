namespace ContentGrains.Core.Sentiment;

/// <summary>
/// The topics an item belongs to, for topic-level sentiment. The engine registers none until topics are served live;
/// a topic source registers its own, and every comment then also counts in its item's topic series.
/// </summary>
public interface ISentimentTopics
{
    IReadOnlyList<string> TopicsOf(string itemId);
}

/// <summary>
/// The key function of sentiment series: which series one comment counts in. Every comment counts in its item's series
/// (<c>item:ID</c>), in each of the item's tags' (<c>tag:TAG</c>) and, when a topic source is given, in each of the
/// item's topics' (<c>topic:ID</c>). This is the one place a new kind of series plugs in.
/// </summary>
public sealed class SentimentKeys(ISentimentTopics? topics = null)
{
    public const string Item = "item", Tag = "tag", Topic = "topic";

    public IEnumerable<string> For(string itemId, IReadOnlyList<string> tags)
    {
        yield return Of(Item, itemId);
        foreach (var tag in tags.Distinct(StringComparer.Ordinal)) yield return Of(Tag, tag);
        if (topics is null) yield break;
        foreach (var topic in topics.TopicsOf(itemId).Distinct(StringComparer.Ordinal)) yield return Of(Topic, topic);
    }

    public static string Of(string kind, string id) => $"{kind}:{id}";

    /// <summary>The kind and id of a key made by <see cref="Of"/>.</summary>
    public static (string Kind, string Id) Parse(string key)
    {
        var colon = key.IndexOf(':');
        return colon < 0 ? ("", key) : (key[..colon], key[(colon + 1)..]);
    }
}
