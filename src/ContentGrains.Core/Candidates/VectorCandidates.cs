using System.Buffers;
using ContentGrains.Core.Live;

namespace ContentGrains.Core.Candidates;

/// <summary>
/// Retrieval through the silo's vector index: the items whose vectors have the highest inner product with a query (the
/// person's vector, or a recent item's vector for "because you watched"), limited to entries the pool allows. The
/// index filters as it searches, so the work and the buffers grow with the count asked for, not with the catalog.
/// </summary>
public static class VectorCandidates
{
    /// <summary>The top <paramref name="count"/> allowed items for <paramref name="user"/>, added to the pool.</summary>
    public static void Collect(ItemRetrieval retrieval, ModelCatalogLink link, ReadOnlySpan<float> user, int count, CandidatePool pool)
    {
        if (count <= 0 || retrieval.Index.Count == 0) return;
        count = Math.Min(count, retrieval.Index.Count);
        var keys = ArrayPool<int>.Shared.Rent(count);
        var scores = ArrayPool<float>.Shared.Rent(count);
        try
        {
            var found = retrieval.Index.Search(user, keys.AsSpan(0, count), scores.AsSpan(0, count), pool.ModelItems(link).Allows);
            Add(link, keys, found, pool, becauseOf: null);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(keys);
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>
    /// The <paramref name="perItem"/> allowed nearest neighbours of model item <paramref name="item"/>, brought by it:
    /// from the item's kept neighbour list (<see cref="NeighbourLists"/>), which answers as the index search does.
    /// </summary>
    public static void CollectNeighbours(ItemRetrieval retrieval, ModelCatalogLink link, int item, string itemId, int perItem, CandidatePool pool)
    {
        if (perItem <= 0 || retrieval.Index.Count == 0) return;
        var count = Math.Min(perItem, retrieval.Index.Count);
        var keys = ArrayPool<int>.Shared.Rent(count);
        var filter = pool.ModelItems(link);
        filter.Except = item; // the item itself is not its own neighbour
        try
        {
            var found = retrieval.Neighbours.Search(item, keys.AsSpan(0, count), filter.Allows, beyondList: !pool.IsSection);
            Add(link, keys, found, pool, becauseOf: itemId);
        }
        finally
        {
            filter.Except = -1;
            ArrayPool<int>.Shared.Return(keys);
        }
    }

    private static void Add(ModelCatalogLink link, int[] keys, int found, CandidatePool pool, string? becauseOf)
    {
        for (var i = 0; i < found; i++) pool.Add(link.CatalogIndexOf[keys[i]], becauseOf);
    }
}
