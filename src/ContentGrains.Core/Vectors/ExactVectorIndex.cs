using System.Numerics.Tensors;

namespace ContentGrains.Core.Vectors;

/// <summary>
/// Exact inner-product top-k: a SIMD dot product per row (TensorPrimitives), then the scan's selection
/// (<see cref="ScanVectorIndex"/>). It serves small catalogs and is the recall reference for the approximate indices.
/// </summary>
public sealed class ExactVectorIndex : ScanVectorIndex
{
    private readonly float[] rows;

    /// <param name="vectors">Count rows of <paramref name="dimensions"/> floats, row-major; row i is key i. Copied.</param>
    public ExactVectorIndex(ReadOnlySpan<float> vectors, int dimensions)
        : base(VectorArguments.CheckRows(vectors, dimensions), dimensions) => rows = vectors.ToArray();

    protected override void Score(ReadOnlySpan<float> query, Span<float> scored)
    {
        var d = Dimensions;
        var block = rows.AsSpan();
        for (var key = 0; key < scored.Length; key++)
            scored[key] = TensorPrimitives.Dot(block.Slice(key * d, d), query);
    }
}
