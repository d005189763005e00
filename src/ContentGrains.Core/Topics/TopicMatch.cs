namespace ContentGrains.Core.Topics;

/// <summary>
/// The topic-match ranking feature: Σ over the item's topics of the person's interest share × the item's share, in
/// [0, 1] (<see cref="TopicInterests.Match"/> on the item's sparse mixture), with the topic that contributed most (the
/// feed's reason "from topic …").
/// </summary>
public static class TopicMatch
{
    public static (double Match, int? Topic) Of(IReadOnlyDictionary<int, double> interestShares, ItemTopics? item)
    {
        if (item is null || interestShares.Count == 0) return (0, null);
        double sum = 0, best = 0;
        int? bestTopic = null;
        for (var i = 0; i < item.Topics.Length; i++)
        {
            if (!interestShares.TryGetValue(item.Topics[i], out var share)) continue;
            var part = share * item.Shares[i];
            sum += part;
            if (part > best) (best, bestTopic) = (part, item.Topics[i]);
        }
        return (Math.Min(1, sum), bestTopic);
    }
}
