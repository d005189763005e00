namespace ContentGrains.Core.Vectors;

/// <summary>
/// The scan over an 8-bit copy of the rows (<see cref="QuantizedRows"/>): each row's inner product is estimated from
/// its codes, and the best estimates are selected as the exact scan selects (<see cref="ScanVectorIndex"/>). The scores
/// it returns are those estimates. It reads a quarter of the exact scan's bytes: at 10,000 items × 64 dimensions the
/// exact scan's 2.56 MB per feed was the silo's largest single cost (11 % of its CPU at 1,000 feeds/s, session 18's
/// perf profile), and from memory the floats took about 150 µs a search. Approximate, as the graph is: its recall
/// against the exact scan is measured (<see cref="IndexRecall"/>, bench/results/vectors-quantized.json).
/// </summary>
public sealed class QuantizedVectorIndex : ScanVectorIndex
{
    private readonly QuantizedRows rows;

    private QuantizedVectorIndex(QuantizedRows rows, int dimensions) : base(rows.Count, dimensions) => this.rows = rows;

    /// <summary>The index over <paramref name="vectors"/>, or null where this processor cannot run the 8-bit scan (<see cref="QuantizedRows.TryBuild"/>).</summary>
    /// <param name="kernel">The scan's kernel; by default the best this processor runs (bench/vectors compares them).</param>
    public static QuantizedVectorIndex? TryBuild(ReadOnlySpan<float> vectors, int dimensions, QuantizedKernel? kernel = null)
    {
        var count = VectorArguments.CheckRows(vectors, dimensions);
        return QuantizedRows.TryBuild(vectors, count, dimensions, kernel) is { } rows ? new QuantizedVectorIndex(rows, dimensions) : null;
    }

    /// <summary>Bytes the index holds (codes and per-row numbers), a quarter of the floats and a little more.</summary>
    public long Bytes => rows.Bytes;

    protected override void Score(ReadOnlySpan<float> query, Span<float> scored) => rows.Estimate(query, scored);
}
