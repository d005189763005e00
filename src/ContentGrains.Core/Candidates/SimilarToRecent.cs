using ContentGrains.Core.Live;

namespace ContentGrains.Core.Candidates;

/// <summary>
/// Item-to-item: the nearest neighbours of the person's most recent items ("because you watched X"), from the k-NN
/// table, or from the vector index when the model has none (an embedding model beyond the dense range).
/// </summary>
public static class SimilarToRecent
{
    public static void Collect(LiveModel model, ModelCatalogLink link, IReadOnlyList<string> history, int recentItems, int perItem, CandidatePool pool)
    {
        var used = 0;
        foreach (var itemId in history)
        {
            if (used >= recentItems) break;
            var m = model.IndexOf(itemId);
            if (m < 0) continue;
            used++;
            if (model.Similarity is null)
            {
                if (model.Retrieval is { } retrieval) VectorCandidates.CollectNeighbours(retrieval, link, m, itemId, perItem, pool);
                continue;
            }
            var taken = 0;
            foreach (var (neighbour, _) in model.Similarity.NeighboursOf(m))
            {
                if (taken >= perItem) break;
                var entry = link.CatalogIndexOf[neighbour];
                if (entry < 0 || !pool.Allows(entry)) continue;
                pool.Add(entry, becauseOf: itemId);
                taken++;
            }
        }
    }
}
