using System.Numerics.Tensors;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Live;

namespace ContentGrains.Core.Candidates;

/// <summary>
/// The model's score of each pooled candidate, as the ranking stage reads it (by catalog entry). Two forms: a dense
/// score per model item (small-catalog kinds score every item anyway), or, on the retrieval path, a dot product per
/// candidate only, so nothing per request grows with the catalog.
/// </summary>
public sealed class ModelScores
{
    private readonly float[]? byModelItem;
    private readonly ModelCatalogLink link;
    private readonly Dictionary<int, float>? byEntry;

    private ModelScores(ModelCatalogLink link, float[]? byModelItem, Dictionary<int, float>? byEntry)
    {
        this.link = link;
        this.byModelItem = byModelItem;
        this.byEntry = byEntry;
    }

    /// <param name="byModelItem">A score per model item (may be a longer pooled buffer; the link bounds the indices read).</param>
    public static ModelScores Dense(float[] byModelItem, ModelCatalogLink link) => new(link, byModelItem, null);

    /// <summary>user · item vector for each pooled entry the model knows: O(candidates × dimensions).</summary>
    /// <param name="into">A dictionary to hold the scores (the feed's reused one, <see cref="Feed.FeedScratch"/>), emptied first; a new one when null.</param>
    public static ModelScores OfCandidates(CandidatePool pool, ModelCatalogLink link, EmbeddingModel model, ReadOnlySpan<float> user, Dictionary<int, float>? into = null)
    {
        var scores = into ?? new Dictionary<int, float>(pool.Count);
        scores.Clear();
        scores.EnsureCapacity(pool.Count);
        foreach (var entry in pool.Entries)
            if (link.ModelIndexOf(entry) is var m and >= 0)
                scores[entry] = TensorPrimitives.Dot(user, model.ItemVectorOf(m));
        return new ModelScores(link, null, scores);
    }

    /// <summary>The model's score of a catalog entry; false when the model does not know the item.</summary>
    public bool TryGet(int entry, out float score)
    {
        if (byEntry is not null) return byEntry.TryGetValue(entry, out score);
        var m = link.ModelIndexOf(entry);
        score = m >= 0 ? byModelItem![m] : 0;
        return m >= 0;
    }
}
