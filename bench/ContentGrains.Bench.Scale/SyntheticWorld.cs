using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;

namespace ContentGrains.Bench.Scale;

/// <summary>
/// The bench's synthetic world, rebuilt identically from its seed in the training and the serving process: N items in
/// 100 topics (tag <c>topicK</c>, item i in topic i mod 100), people each with a number of views inside one topic,
/// skewed to the topic's first items. Histories are kept as item indices; events are produced on demand, never held.
/// </summary>
internal sealed class SyntheticWorld
{
    public const int Topics = 100;
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly int[] topicOf;
    private readonly int[][] histories;

    public SyntheticWorld(int items, int users, int eventsPerUser, int seed = 42)
    {
        Items = items;
        var random = new Random(seed);
        topicOf = Enumerable.Range(0, users).Select(_ => random.Next(Topics)).ToArray();
        histories = new int[users][];
        for (var u = 0; u < users; u++)
        {
            histories[u] = new int[eventsPerUser];
            for (var e = 0; e < eventsPerUser; e++) histories[u][e] = PickInTopic(random, topicOf[u], items);
        }
    }

    public int Items { get; }

    public int Users => histories.Length;

    public long EventCount => (long)Users * (histories.Length == 0 ? 0 : histories[0].Length);

    public int TopicOf(int user) => topicOf[user];

    /// <summary>An item of <paramref name="topic"/>, skewed to its first items as the histories are.</summary>
    public int ItemInTopic(Random random, int topic) => PickInTopic(random, topic, Items);

    public IEnumerable<Interaction> ViewsOf(int user, DateTimeOffset at) =>
        histories[user].Select((item, k) => new Interaction($"v{user}-{k}", $"u{user}", ItemId(item), EventType.View, at, "web", 0, null, null));

    public static string ItemId(int item) => $"item{item}";

    public static IReadOnlyList<string> TagsOf(int item) => [$"topic{item % Topics}"];

    /// <summary>Every view, one second apart in user order, made as it is read.</summary>
    public IEnumerable<Interaction> Events()
    {
        var sequence = 0L;
        for (var u = 0; u < histories.Length; u++)
        {
            var user = $"u{u}";
            foreach (var item in histories[u])
            {
                yield return new Interaction($"e{sequence}", user, ItemId(item), EventType.View, Start.AddSeconds(sequence), "web", 0, null, null);
                sequence++;
            }
        }
    }

    public IEnumerable<(string Id, IReadOnlyList<string> Tags)> CatalogItems() =>
        Enumerable.Range(0, Items).Select(i => (ItemId(i), TagsOf(i)));

    public CatalogSnapshot Catalog() =>
        new(1, Enumerable.Range(0, Items).Select(i => new CatalogEntry(ItemId(i), TagsOf(i), [], Start.AddMinutes(-i % 10_000),
            default, 100, null)).ToList(), Start, TimeSpan.FromDays(1));

    /// <summary>The user's history as the feed gets it: interest in their topic, everything seen excluded, the 20 latest as recent.</summary>
    public FeedUser FeedUserOf(int u)
    {
        var ids = histories[u].Select(ItemId).ToArray();
        return new FeedUser($"u{u}", [KeyValuePair.Create($"topic{topicOf[u]}", 3.0)], ids.ToHashSet(), ids.Reverse().Take(20).ToArray());
    }

    /// <summary>Items of a topic are i ≡ topic (mod 100); lower ranks within the topic are picked more often (squared uniform).</summary>
    private static int PickInTopic(Random random, int topic, int n)
    {
        var perTopic = (n - topic + Topics - 1) / Topics;
        var rank = (int)(perTopic * random.NextDouble() * random.NextDouble());
        return topic + Topics * Math.Min(rank, perTopic - 1);
    }
}
