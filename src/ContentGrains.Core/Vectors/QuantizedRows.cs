using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ContentGrains.Core.Vectors;

/// <summary>
/// An 8-bit copy of an index's rows that estimates every row's inner product with a query. Each row is scaled by its
/// largest magnitude / 127 and rounded to codes c (so r ≈ s·c); the query likewise per search (q ≈ t·u), and the
/// estimate is s·t·Σ c·u, with the integer sum exact. Rows are stored in blocks of 8, and within a block in groups of 4
/// dimensions (8 rows × 4 codes, 32 bytes), so one AVX-VNNI instruction adds 4 dimensions' products for 8 rows with no
/// horizontal sum. The rounding moves a product by at most s·(Σ|q|/2 + t/2·Σ|c|); in practice about 0.5 % of the
/// largest score at 64 dimensions.
/// </summary>
public sealed class QuantizedRows
{
    private const int BlockRows = 8;
    private const int GroupDimensions = 4;
    private const float Levels = 127f;

    /// <summary>Whether this processor has the instruction the scan is written for (AVX-VNNI); without it an index scans floats.</summary>
    public static bool Supported => AvxVnni.IsSupported;

    private readonly sbyte[] codes;
    private readonly float[] scale;    // per row: its largest magnitude / 127 (0 for a zero row and the padding)
    private readonly int[] codeSum;    // per row: Σ code, to take back the query's +128 offset
    private readonly int dimensions;
    private readonly int paddedCount;

    private QuantizedRows(ReadOnlySpan<float> rows, int count, int dimensions)
    {
        this.dimensions = dimensions;
        Count = count;
        paddedCount = (count + BlockRows - 1) / BlockRows * BlockRows;
        codes = new sbyte[paddedCount * dimensions];
        scale = new float[paddedCount];
        codeSum = new int[paddedCount];
        for (var row = 0; row < count; row++)
        {
            var values = rows.Slice(row * dimensions, dimensions);
            var s = MaxMagnitude(values) / Levels;
            var sum = 0;
            for (var j = 0; j < dimensions; j++)
            {
                var code = Code(values[j], s);
                codes[CodeAt(row, j)] = code;
                sum += code;
            }
            (scale[row], codeSum[row]) = (s, sum);
        }
    }

    /// <summary>The 8-bit copy of <paramref name="count"/> finite rows, or null where the scan cannot run here (no AVX-VNNI, or dimensions not a multiple of 4).</summary>
    public static QuantizedRows? TryBuild(ReadOnlySpan<float> rows, int count, int dimensions) =>
        Supported && dimensions % GroupDimensions == 0 ? new QuantizedRows(rows, count, dimensions) : null;

    public int Count { get; }

    /// <summary>How many ints <see cref="Encode"/> writes for a query.</summary>
    public int EncodedLength => dimensions / GroupDimensions;

    /// <summary>Bytes held: codes, scales and code sums.</summary>
    public long Bytes => codes.LongLength + 8L * paddedCount;

    /// <summary>Every row's estimated inner product with <paramref name="query"/>, into <paramref name="estimate"/> (<see cref="Count"/> values).</summary>
    public void Estimate(ReadOnlySpan<float> query, Span<float> estimate)
    {
        if (estimate.Length != Count) throw new ArgumentException($"estimate has room for {estimate.Length} rows, there are {Count}", nameof(estimate));
        var groups = dimensions / GroupDimensions;
        Span<int> packed = groups <= 256 ? stackalloc int[groups] : new int[groups];
        Estimate(packed, Encode(query, packed), 0, estimate);
    }

    /// <summary>
    /// The query's codes for <see cref="Estimate(ReadOnlySpan{int}, float, int, Span{float})"/>, into
    /// <paramref name="packed"/> (dimensions / 4 ints); returns the query's scale. Encoded once, a query can estimate
    /// many row ranges (a clustered index scans a few clusters per query).
    /// </summary>
    public float Encode(ReadOnlySpan<float> query, Span<int> packed)
    {
        if (query.Length != dimensions) throw new ArgumentException($"query has {query.Length} dimensions, the rows have {dimensions}", nameof(query));
        var t = MaxMagnitude(query) / Levels;
        // The query's codes offset by 128 into unsigned bytes (the instruction multiplies unsigned by signed), 4 to an int.
        for (var g = 0; g < dimensions / GroupDimensions; g++)
        {
            var word = 0;
            for (var i = 0; i < GroupDimensions; i++) word |= (Code(query[g * GroupDimensions + i], t) + 128) << (8 * i);
            packed[g] = word;
        }
        return t;
    }

    /// <summary>
    /// The estimates of rows <paramref name="firstRow"/> … firstRow + estimate.Length − 1 for an encoded query
    /// (<see cref="Encode"/>); <paramref name="firstRow"/> is a multiple of 8 (a block's first row).
    /// </summary>
    public void Estimate(ReadOnlySpan<int> packed, float queryStep, int firstRow, Span<float> estimate)
    {
        if (firstRow % BlockRows != 0 || firstRow < 0 || firstRow + estimate.Length > Count)
            throw new ArgumentOutOfRangeException(nameof(firstRow), firstRow, $"rows {firstRow}…{firstRow + estimate.Length - 1} are not a range of whole blocks within {Count} rows");
        var groups = dimensions / GroupDimensions;
        var queryScale = Vector256.Create(queryStep);
        Span<float> tail = stackalloc float[BlockRows];
        ref var code = ref MemoryMarshal.GetArrayDataReference(codes);
        var end = firstRow + estimate.Length;
        for (var first = firstRow; first < end; first += BlockRows)
        {
            var at = (nuint)(first * dimensions);
            Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default;
            var g = 0;
            // Four sums side by side: one chain would wait on each instruction's latency.
            for (; g + 4 <= groups; g += 4, at += 128)
            {
                a0 = AvxVnni.MultiplyWideningAndAdd(a0, Vector256.Create(packed[g]).AsByte(), Vector256.LoadUnsafe(ref code, at));
                a1 = AvxVnni.MultiplyWideningAndAdd(a1, Vector256.Create(packed[g + 1]).AsByte(), Vector256.LoadUnsafe(ref code, at + 32));
                a2 = AvxVnni.MultiplyWideningAndAdd(a2, Vector256.Create(packed[g + 2]).AsByte(), Vector256.LoadUnsafe(ref code, at + 64));
                a3 = AvxVnni.MultiplyWideningAndAdd(a3, Vector256.Create(packed[g + 3]).AsByte(), Vector256.LoadUnsafe(ref code, at + 96));
            }
            for (; g < groups; g++, at += 32)
                a0 = AvxVnni.MultiplyWideningAndAdd(a0, Vector256.Create(packed[g]).AsByte(), Vector256.LoadUnsafe(ref code, at));
            var products = (a0 + a1) + (a2 + a3) - Vector256.Create<int>(codeSum.AsSpan(first, BlockRows)) * 128;
            var block = Vector256.ConvertToSingle(products) * Vector256.Create<float>(scale.AsSpan(first, BlockRows)) * queryScale;
            if (first + BlockRows <= end) block.CopyTo(estimate.Slice(first - firstRow, BlockRows));
            else
            {
                block.CopyTo(tail); // the last block's padding rows are not the caller's
                tail[..(end - first)].CopyTo(estimate[(first - firstRow)..]);
            }
        }
    }

    private int CodeAt(int row, int dimension) =>
        row / BlockRows * BlockRows * dimensions + dimension / GroupDimensions * BlockRows * GroupDimensions + row % BlockRows * GroupDimensions + dimension % GroupDimensions;

    private static sbyte Code(float value, float step) => step > 0 ? (sbyte)Math.Clamp(MathF.Round(value / step), -Levels, Levels) : (sbyte)0;

    private static float MaxMagnitude(ReadOnlySpan<float> values)
    {
        float max = 0;
        foreach (var v in values) max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
