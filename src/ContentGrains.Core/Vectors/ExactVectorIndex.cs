using System.Buffers;
using System.Numerics.Tensors;
using ContentGrains.Core.Evaluation;

namespace ContentGrains.Core.Vectors;

/// <summary>
/// Exact inner-product top-k: a SIMD dot product per row (TensorPrimitives), then the project's partial selection
/// (<see cref="TopK"/>). Cost grows with Count × Dimensions per query, so it serves small catalogs and is the recall
/// reference for the approximate index. Ties keep the lower key first.
/// </summary>
public sealed class ExactVectorIndex : IVectorIndex
{
    private readonly float[] rows;

    /// <param name="vectors">Count rows of <paramref name="dimensions"/> floats, row-major; row i is key i. Copied.</param>
    public ExactVectorIndex(ReadOnlySpan<float> vectors, int dimensions)
    {
        Count = VectorArguments.CheckRows(vectors, dimensions);
        Dimensions = dimensions;
        rows = vectors.ToArray();
    }

    public int Count { get; }
    public int Dimensions { get; }

    public int Search(ReadOnlySpan<float> query, Span<int> keys, Span<float> scores, Func<int, bool>? allow = null)
    {
        VectorArguments.CheckSearch(query, keys, scores, Dimensions);
        if (keys.Length == 0 || Count == 0) return 0;
        var all = ArrayPool<float>.Shared.Rent(Count);
        try
        {
            var scored = all.AsSpan(0, Count);
            Score(query, scored);
            // The filter runs inside the selection, on the few items that would enter the top K, not on every row.
            var found = TopK.Select(scored, keys[..Math.Min(keys.Length, Count)], allow);
            for (var i = 0; i < found; i++) scores[i] = scored[keys[i]];
            return found;
        }
        finally { ArrayPool<float>.Shared.Return(all); }
    }

    /// <summary>Inner product of every row with the query (the filter is applied by the selection, not here).</summary>
    private void Score(ReadOnlySpan<float> query, Span<float> scored)
    {
        var d = Dimensions;
        var block = rows.AsSpan();
        for (var key = 0; key < scored.Length; key++)
            scored[key] = TensorPrimitives.Dot(block.Slice(key * d, d), query);
    }
}
