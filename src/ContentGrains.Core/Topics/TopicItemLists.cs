namespace ContentGrains.Core.Topics;

/// <summary>
/// For each topic, the items most inside it (highest share in their mixture), at most <see cref="PerTopic"/> each,
/// collected while the catalog's vectors stream past page by page: memory is k × PerTopic entries whatever the catalog's
/// size. Serving a person then costs at most (top topics × PerTopic) lookups, also independent of the catalog.
/// </summary>
public sealed class TopicItemLists
{
    private readonly PriorityQueue<string, float>[] heaps;

    public TopicItemLists(int topics, int perTopic)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topics, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perTopic, 1);
        PerTopic = perTopic;
        heaps = Enumerable.Range(0, topics).Select(_ => new PriorityQueue<string, float>()).ToArray();
    }

    public int PerTopic { get; }

    /// <summary>Offers an item to the list of its main topic (an item is listed once, where it belongs most).</summary>
    public void Offer(string itemId, IReadOnlyList<float> mixture)
    {
        if (mixture.Count != heaps.Length) throw new ArgumentException($"mixture has {mixture.Count} topics, the lists {heaps.Length}", nameof(mixture));
        var main = 0;
        for (var t = 1; t < mixture.Count; t++) if (mixture[t] > mixture[main]) main = t;
        var heap = heaps[main];
        if (heap.Count < PerTopic) heap.Enqueue(itemId, mixture[main]);
        else if (heap.TryPeek(out _, out var lowest) && mixture[main] > lowest) heap.EnqueueDequeue(itemId, mixture[main]);
    }

    /// <summary>Each topic's items, most inside first.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Lists() =>
        heaps.Select(h => (IReadOnlyList<string>)h.UnorderedItems.OrderByDescending(e => e.Priority).ThenBy(e => e.Element, StringComparer.Ordinal).Select(e => e.Element).ToList()).ToList();

    /// <summary>
    /// Candidates for a person: the items of their <paramref name="topTopics"/> heaviest topics, heaviest topic first,
    /// at most <paramref name="perTopic"/> from each.
    /// </summary>
    public static IEnumerable<(string ItemId, int Topic)> For(IReadOnlyList<IReadOnlyList<string>> lists, IReadOnlyList<TopicShare> interests, int topTopics, int perTopic) =>
        interests.Take(topTopics).Where(s => s.Topic < lists.Count).SelectMany(s => lists[s.Topic].Take(perTopic).Select(id => (id, s.Topic)));
}
