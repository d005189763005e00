using System.Numerics.Tensors;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Live;

/// <summary>
/// What a silo serves for an embedding model beside its arrays: the nearest-neighbour index over the item (output)
/// vectors. Built and checked by the silo while it loads a version, before the swap, so no request waits for a build;
/// released (<see cref="Dispose"/>) after the next version is swapped in. A native index frees its memory only after
/// the last search still running on it returns.
/// </summary>
public sealed class ItemRetrieval : IDisposable
{
    private ItemRetrieval(EmbeddingModel model, IVectorIndex index)
    {
        Model = model;
        Index = index;
        Neighbours = new NeighbourLists(model, index);
    }

    public EmbeddingModel Model { get; }

    /// <summary>Keys are the model's item indices.</summary>
    public IVectorIndex Index { get; }

    /// <summary>Each item's nearest neighbours, kept from the first ask on (the same answers as <see cref="Index"/>).</summary>
    public NeighbourLists Neighbours { get; }

    /// <summary>The index's kind for logs, with the 8-bit scan's kernel where it has one, e.g. "ClusteredVectorIndex (Avx2 8-bit scan)".</summary>
    public string IndexName => Index is ClusteredVectorIndex or QuantizedVectorIndex
        ? $"{Index.GetType().Name} ({QuantizedRows.BestKernel} 8-bit scan)"
        : Index.GetType().Name;

    /// <summary>Builds the index over the model's item vectors and checks it with one query (the first item's vector).</summary>
    /// <exception cref="InvalidDataException">The index does not cover the model or answers no finite score.</exception>
    public static ItemRetrieval Build(EmbeddingModel model, IVectorIndexBuilder builder)
    {
        var index = builder.Build(model.ItemVectors, model.Dimensions);
        try
        {
            Check(model, index);
            return new ItemRetrieval(model, index);
        }
        catch
        {
            (index as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>Cosine of two items' output vectors (0 when either is zero): the item-to-item similarity without a k-NN table.</summary>
    public static float CosineOf(EmbeddingModel model, int a, int b)
    {
        var x = model.ItemVectorOf(a);
        var y = model.ItemVectorOf(b);
        var norms = TensorPrimitives.Norm(x) * TensorPrimitives.Norm(y);
        return norms > 0 ? TensorPrimitives.Dot(x, y) / norms : 0;
    }

    public void Dispose() => (Index as IDisposable)?.Dispose();

    private static void Check(EmbeddingModel model, IVectorIndex index)
    {
        if (index.Count != model.ItemCount || index.Dimensions != model.Dimensions)
            throw new InvalidDataException($"the vector index holds {index.Count} × {index.Dimensions}, the model {model.ItemCount} × {model.Dimensions}");
        if (model.ItemCount == 0) return;
        Span<int> keys = stackalloc int[1];
        Span<float> scores = stackalloc float[1];
        if (index.Search(model.ItemVectorOf(0), keys, scores) != 1 || !float.IsFinite(scores[0]))
            throw new InvalidDataException("the vector index answered no finite score to a test query (the first item's vector)");
    }
}
