using ContentGrains.Core.Catalog;
using ContentGrains.Core.Live;
using ContentGrains.Core.Reranking;

namespace ContentGrains.Core.Feed;

/// <summary>
/// Non-personal lists: an item's nearest neighbours (the model's item-to-item cosine; items the model has not seen
/// fall back to shared tags, so a new item has neighbours from its first minute) and the trending items. An embedding
/// model without a k-NN table answers from the vector index: the items nearest to the source item's vector.
/// </summary>
public static class SimilarItems
{
    /// <summary>Null when neither the catalog nor the model knows <paramref name="itemId"/>.</summary>
    public static IReadOnlyList<RankedItem>? Find(CatalogSnapshot catalog, LiveModel? model, string itemId, int count, string? channel)
    {
        var source = catalog.Find(itemId);
        var m = model?.IndexOf(itemId) ?? -1;
        if (source is null && m < 0) return null;
        var title = source?.Title ?? itemId;

        var result = new List<RankedItem>(count);
        if (model is not null && m >= 0 && model.Similarity is null)
            AddVectorNeighbours(catalog, model, m, title, count, channel, result);
        else if (model?.Similarity is { } knn && m >= 0)
        {
            foreach (var (neighbour, weight) in knn.NeighboursOf(m))
            {
                if (result.Count >= count) break;
                var entry = catalog.Find(model.ItemIds[neighbour]);
                if (entry is null || !entry.FitsChannel(channel)) continue;
                result.Add(new RankedItem(entry.ItemId, Math.Round(weight, 6), $"often watched with {title}"));
            }
        }
        if (result.Count < count && source is not null && source.Tags.Count > 0)
            AddBySharedTags(catalog, source, title, count, channel, result);
        return result;
    }

    /// <summary>The most popular items now; in a section (<paramref name="filter"/> with tags), its tags' own popularity
    /// lists merged, since the catalog-wide list (its top 2,000) may hold none of a small section.</summary>
    public static IReadOnlyList<RankedItem> Trending(CatalogSnapshot catalog, int count, string? channel, Candidates.ItemFilter? filter = null) =>
        (filter is { Tags.Count: > 0 }
            ? filter.Tags.SelectMany(tag => catalog.ByTag.GetValueOrDefault(tag) ?? []).Distinct().OrderByDescending(i => catalog.Popularity[i]).ThenBy(i => i)
            : (IEnumerable<int>)catalog.ByPopularity)
            .Where(i => catalog.Popularity[i] > 0 && catalog.Entries[i].FitsChannel(channel) && (filter is null || filter.Admits(catalog.Entries[i])))
            .Take(count)
            .Select(i => new RankedItem(catalog.Entries[i].ItemId, Math.Round(catalog.Popularity[i], 6), "trending now"))
            .ToList();

    /// <summary>The nearest item vectors by inner product; the score shown is their cosine, as the k-NN table shows one.</summary>
    private static void AddVectorNeighbours(CatalogSnapshot catalog, LiveModel model, int item, string title, int count, string? channel, List<RankedItem> result)
    {
        if (model.Retrieval is not { } retrieval || count <= 0) return;
        var wanted = Math.Min(count, retrieval.Index.Count);
        var keys = new int[wanted];
        var scores = new float[wanted];
        var found = retrieval.Index.Search(retrieval.Model.ItemVectorOf(item), keys, scores,
            m => m != item && catalog.Find(model.ItemIds[m]) is { } entry && entry.FitsChannel(channel));
        for (var i = 0; i < found; i++)
            result.Add(new RankedItem(model.ItemIds[keys[i]], Math.Round(model.Cosine(item, keys[i]), 6), $"often watched with {title}"));
    }

    private static void AddBySharedTags(CatalogSnapshot catalog, CatalogEntry source, string title, int count, string? channel, List<RankedItem> result)
    {
        var taken = result.Select(r => r.ItemId).ToHashSet(StringComparer.Ordinal);
        taken.Add(source.ItemId);
        var byTags = source.Tags
            .Where(catalog.ByTag.ContainsKey)
            .SelectMany(tag => catalog.ByTag[tag])
            .Distinct()
            .Select(i => (Entry: catalog.Entries[i], Index: i))
            .Where(x => !taken.Contains(x.Entry.ItemId) && x.Entry.FitsChannel(channel))
            .Select(x => (x.Entry, x.Index, Jaccard: MmrReranker.TagJaccard(source.Tags, x.Entry.Tags)))
            .OrderByDescending(x => x.Jaccard).ThenByDescending(x => catalog.Popularity[x.Index]).ThenBy(x => x.Entry.ItemId, StringComparer.Ordinal)
            .Take(count - result.Count);
        foreach (var (entry, _, jaccard) in byTags)
            result.Add(new RankedItem(entry.ItemId, Math.Round(jaccard, 6), $"shares tags with {title}"));
    }
}
