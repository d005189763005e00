using ContentGrains.Core.Catalog;
using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Candidates;

/// <summary>
/// Topics as a source: the top items of the person's heaviest topics (<see cref="TopicItemLists.For"/>) that they may
/// still see (the pool drops consumed and disliked items). At most <c>topTopics × perTopic</c> catalog probes per
/// request, whatever the catalog's size.
/// </summary>
public static class TopicCandidates
{
    public static void Collect(TopicBook topics, CatalogSnapshot catalog, IReadOnlyList<TopicShare> interests, int topTopics, int perTopic, CandidatePool pool)
    {
        if (topTopics <= 0 || perTopic <= 0 || interests.Count == 0) return;
        foreach (var (itemId, _) in TopicItemLists.For(topics.TopItemLists, interests, topTopics, perTopic))
        {
            var entry = catalog.IndexOf(itemId);
            if (entry >= 0) pool.Add(entry);
        }
    }
}
