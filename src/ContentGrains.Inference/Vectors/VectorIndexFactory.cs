using ContentGrains.Core.Vectors;

namespace ContentGrains.Inference.Vectors;

/// <summary>
/// Picks the index for a catalog: the exact SIMD scan below <see cref="ExactBelowItems"/> items, where it is both
/// exact and about as fast as a graph walk with no build cost, and the HNSW graph from there up.
/// </summary>
public sealed class VectorIndexFactory(HnswOptions? hnsw = null)
{
    /// <summary>
    /// Measured on this 2-core machine at 64 dimensions (bench/results/vectors.json): an exact top-10 over 10,000 items
    /// takes about as long as an HNSW query, and grows linearly past it, while building the graph costs seconds.
    /// </summary>
    public const int DefaultExactBelowItems = 20_000;

    public int ExactBelowItems { get; init; } = DefaultExactBelowItems;

    public HnswOptions Hnsw { get; } = hnsw ?? new HnswOptions();

    public IVectorIndex Build(ReadOnlySpan<float> vectors, int dimensions)
    {
        var count = VectorArguments.CheckRows(vectors, dimensions);
        return count < ExactBelowItems ? new ExactVectorIndex(vectors, dimensions) : HnswVectorIndex.Build(vectors, dimensions, Hnsw);
    }
}
