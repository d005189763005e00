using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Live;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>Embedding models with vectors given by hand (no tags, no text: an item's vectors are its id vectors).</summary>
public static class VectorModels
{
    /// <summary>A live embedding model without a k-NN table whose input and output vectors are both <paramref name="vectors"/>.</summary>
    public static LiveModel Of(string[] itemIds, float[] vectors, int dimensions, bool withIndex = true, IVectorIndexBuilder? builder = null)
    {
        var tower = new EmbeddingTower(dimensions, vectors, [], []);
        var embedding = EmbeddingModel.FromTowers(new EmbeddingTowers(tower, tower), ItemMetadata.None(itemIds.Length));
        var model = new LiveModel("feed", 1, Given.T0, itemIds, embedding, similarity: null);
        if (withIndex) model.AttachRetrieval(ItemRetrieval.Build(embedding, builder ?? new ExactVectorIndexBuilder()));
        return model;
    }

    /// <summary>Seeded Gaussian vectors, items × dimensions.</summary>
    public static float[] Random(int items, int dimensions, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[items * dimensions];
        for (var i = 0; i < vectors.Length; i++) vectors[i] = (float)(random.NextDouble() * 2 - 1);
        return vectors;
    }

    /// <summary>The exact scan without its ranked-prefix contract: every neighbour ask searches the index, as before kept lists.</summary>
    public sealed class SearchOnlyBuilder : IVectorIndexBuilder
    {
        public IVectorIndex Build(ReadOnlySpan<float> vectors, int dimensions) => new SearchOnly(new ExactVectorIndex(vectors, dimensions));

        private sealed class SearchOnly(ExactVectorIndex inner) : IVectorIndex
        {
            public int Count => inner.Count;
            public int Dimensions => inner.Dimensions;
            public int Search(ReadOnlySpan<float> query, Span<int> keys, Span<float> scores, Func<int, bool>? allow = null) =>
                inner.Search(query, keys, scores, allow);
        }
    }
}
