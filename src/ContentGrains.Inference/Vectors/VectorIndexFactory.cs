using ContentGrains.Core.Vectors;

namespace ContentGrains.Inference.Vectors;

/// <summary>
/// Picks the index for a catalog: the exact SIMD scan below <see cref="QuantizedFromItems"/> items, the 8-bit scan from
/// there (where the processor has AVX-VNNI or AVX2; the exact scan otherwise), and from <see cref="ExactBelowItems"/> up the
/// clustered 8-bit index (<see cref="ClusteredIndexOptions"/>), or the HNSW graph where that is off or cannot run.
/// </summary>
public sealed class VectorIndexFactory(HnswOptions? hnsw = null, ClusteredIndexOptions? clustered = null) : IVectorIndexBuilder
{
    /// <summary>
    /// From bench/results/vectors.json (64 dimensions, 2 cores shared with other builds): an exact top-10 over 10,000
    /// items took 0.11 ms at the median, against 0.05 ms for HNSW, whose graph took 1.8 s to build; over 100,000 items
    /// the exact scan took 10 ms and HNSW 0.11 ms. Below 20,000 items a scan stays near 0.2 ms, with nothing to build
    /// when a model is swapped in; above it the scan's linear cost takes over the feed's budget.
    /// </summary>
    public const int DefaultExactBelowItems = 20_000;

    /// <summary>
    /// Below this many items the scan stays exact (ml-100k's 1,682 items: the offline figures are the exact scan's); from
    /// it the 8-bit scan reads a quarter of the bytes at a measured recall (bench/results/vectors-quantized.json).
    /// </summary>
    public const int DefaultQuantizedFromItems = 5_000;

    /// <summary>Catalogs of at least this many items get the clustered index or the HNSW graph.</summary>
    public int ExactBelowItems { get; init; } = DefaultExactBelowItems;

    /// <summary>Catalogs of at least this many items (and below <see cref="ExactBelowItems"/>) get the 8-bit scan; int.MaxValue never.</summary>
    public int QuantizedFromItems { get; init; } = DefaultQuantizedFromItems;

    public HnswOptions Hnsw { get; } = hnsw ?? new HnswOptions();

    public ClusteredIndexOptions Clustered { get; } = clustered ?? new ClusteredIndexOptions();

    public IVectorIndex Build(ReadOnlySpan<float> vectors, int dimensions)
    {
        var count = VectorArguments.CheckRows(vectors, dimensions);
        if (count >= ExactBelowItems)
            return Clustered.TryBuild(vectors, dimensions) ?? (IVectorIndex)HnswVectorIndex.Build(vectors, dimensions, Hnsw);
        return (count >= QuantizedFromItems ? QuantizedVectorIndex.TryBuild(vectors, dimensions) : null) ?? (IVectorIndex)new ExactVectorIndex(vectors, dimensions);
    }
}
