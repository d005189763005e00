using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ContentGrains.Core.Vectors;

/// <summary>
/// An 8-bit copy of an index's rows that estimates every row's inner product with a query. Each row is scaled by its
/// largest magnitude / 127 and rounded to codes c (so r ≈ s·c); the query likewise per search (q ≈ t·u), and the
/// estimate is s·t·Σ c·u, with the integer sum exact. Rows are stored in blocks of 8, and within a block in groups of 4
/// dimensions (8 rows × 4 codes, 32 bytes), so one instruction step adds 4 dimensions' products for 8 rows with no
/// horizontal sum. The rounding moves a product by at most s·(Σ|q|/2 + t/2·Σ|c|); in practice about 0.5 % of the
/// largest score at 64 dimensions. Three kernels give the same integer sums (<see cref="QuantizedKernel"/>): AVX-VNNI in
/// one instruction per group; AVX2 in four, for processors without VNNI (AMD before Zen 4, Intel before Alder Lake and
/// Sapphire Rapids), which until session 21 fell back to the float scan or the graph at a fraction of the recall; and
/// 128-bit widening multiplies anywhere else (ARM).
/// </summary>
public sealed class QuantizedRows
{
    private const int BlockRows = 8;
    private const int GroupDimensions = 4;
    private const float Levels = 127f;

    /// <summary>The fastest kernel this processor runs (the first in <see cref="QuantizedKernel"/>'s order that <see cref="Runs"/>); <see cref="QuantizedKernel.None"/> where not even 128-bit vectors are accelerated.</summary>
    public static QuantizedKernel BestKernel { get; } = Enum.GetValues<QuantizedKernel>().FirstOrDefault(Runs, QuantizedKernel.None);

    /// <summary>Whether this processor runs the scan (any kernel); without one an index scans floats.</summary>
    public static bool Supported => BestKernel != QuantizedKernel.None;

    /// <summary>Whether this processor runs <paramref name="kernel"/>.</summary>
    public static bool Runs(QuantizedKernel kernel) => kernel switch
    {
        QuantizedKernel.AvxVnni => AvxVnni.IsSupported,
        QuantizedKernel.Avx2 => Avx2.IsSupported,
        QuantizedKernel.Portable => Vector128.IsHardwareAccelerated,
        _ => false,
    };

    private readonly sbyte[] codes;
    private readonly float[] scale;    // per row: its largest magnitude / 127 (0 for a zero row and the padding)
    private readonly int[] codeSum;    // per row: Σ code, to take back the VNNI kernel's +128 query offset
    private readonly int dimensions;
    private readonly int paddedCount;

    private QuantizedRows(ReadOnlySpan<float> rows, int count, int dimensions, QuantizedKernel kernel)
    {
        Kernel = kernel;
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

    /// <summary>
    /// The 8-bit copy of <paramref name="count"/> finite rows, scanned by <paramref name="kernel"/> (by default
    /// <see cref="BestKernel"/>), or null where the scan cannot run here (the kernel not on this processor, or dimensions
    /// not a multiple of 4).
    /// </summary>
    public static QuantizedRows? TryBuild(ReadOnlySpan<float> rows, int count, int dimensions, QuantizedKernel? kernel = null)
    {
        var chosen = kernel ?? BestKernel;
        return Runs(chosen) && dimensions % GroupDimensions == 0 ? new QuantizedRows(rows, count, dimensions, chosen) : null;
    }

    public int Count { get; }

    /// <summary>The instructions this copy is scanned with.</summary>
    public QuantizedKernel Kernel { get; }

    /// <summary>
    /// What the query's codes are offset by: VNNI multiplies unsigned by signed bytes, so its query codes move by 128 into
    /// unsigned ones (taken back with the rows' code sums); the other kernels take the signed codes as they are.
    /// </summary>
    private int QueryOffset => Kernel == QuantizedKernel.AvxVnni ? 128 : 0;

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
        // 4 codes to an int, offset by QueryOffset.
        var offset = QueryOffset;
        for (var g = 0; g < dimensions / GroupDimensions; g++)
        {
            var word = 0;
            for (var i = 0; i < GroupDimensions; i++) word |= ((Code(query[g * GroupDimensions + i], t) + offset) & 0xFF) << (8 * i);
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
        // AVX2's kernel reads the query as |u| and sign(u) broadcast per group: made once here, not once per block.
        var avx2Groups = Kernel == QuantizedKernel.Avx2 ? groups : 0;
        Span<Vector256<sbyte>> query = avx2Groups <= 64 ? stackalloc Vector256<sbyte>[avx2Groups] : new Vector256<sbyte>[avx2Groups];
        Span<Vector256<byte>> magnitude = avx2Groups <= 64 ? stackalloc Vector256<byte>[avx2Groups] : new Vector256<byte>[avx2Groups];
        for (var g = 0; g < avx2Groups; g++)
        {
            query[g] = Vector256.Create(packed[g]).AsSByte();
            magnitude[g] = Avx2.Abs(query[g]);
        }
        Span<float> tail = stackalloc float[BlockRows];
        ref var code = ref MemoryMarshal.GetArrayDataReference(codes);
        var end = firstRow + estimate.Length;
        for (var first = firstRow; first < end; first += BlockRows)
        {
            var at = (nuint)(first * dimensions);
            var sums = Kernel switch
            {
                QuantizedKernel.AvxVnni => BlockSumsVnni(packed, groups, ref code, at),
                QuantizedKernel.Avx2 => BlockSumsAvx2(query, magnitude, ref code, at),
                _ => BlockSumsPortable(packed, groups, ref code, at),
            };
            var products = sums - Vector256.Create<int>(codeSum.AsSpan(first, BlockRows)) * QueryOffset;
            var block = Vector256.ConvertToSingle(products) * Vector256.Create<float>(scale.AsSpan(first, BlockRows)) * queryScale;
            if (first + BlockRows <= end) block.CopyTo(estimate.Slice(first - firstRow, BlockRows));
            else
            {
                block.CopyTo(tail); // the last block's padding rows are not the caller's
                tail[..(end - first)].CopyTo(estimate[(first - firstRow)..]);
            }
        }
    }

    /// <summary>One block's 8 sums Σ (u + 128)·c: one VNNI instruction per group of 4 dimensions.</summary>
    private static Vector256<int> BlockSumsVnni(ReadOnlySpan<int> packed, int groups, ref sbyte code, nuint at)
    {
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
        return (a0 + a1) + (a2 + a3);
    }

    /// <summary>
    /// One block's 8 sums Σ u·c with AVX2. Its byte multiply (vpmaddubsw) takes unsigned × signed bytes and saturates each
    /// pair's sum at 16 bits, so the query's sign moves onto the row's codes (|u| · sign(u)·c): with |u|, |c| ≤ 127 a pair
    /// sums to at most 32,258 and never saturates; a multiply-add by ones then sums the pairs into 4-product ints.
    /// </summary>
    private static Vector256<int> BlockSumsAvx2(ReadOnlySpan<Vector256<sbyte>> query, ReadOnlySpan<Vector256<byte>> magnitude, ref sbyte code, nuint at)
    {
        var ones = Vector256.Create((short)1);
        Vector256<int> a0 = default, a1 = default;
        var g = 0;
        for (; g + 2 <= query.Length; g += 2, at += 64)
        {
            a0 += Quad(query[g], magnitude[g], Vector256.LoadUnsafe(ref code, at), ones);
            a1 += Quad(query[g + 1], magnitude[g + 1], Vector256.LoadUnsafe(ref code, at + 32), ones);
        }
        for (; g < query.Length; g++, at += 32)
            a0 += Quad(query[g], magnitude[g], Vector256.LoadUnsafe(ref code, at), ones);
        return a0 + a1;

        static Vector256<int> Quad(Vector256<sbyte> query, Vector256<byte> magnitude, Vector256<sbyte> rows, Vector256<short> ones) =>
            Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(magnitude, Avx2.Sign(rows, query)), ones);
    }

    /// <summary>
    /// One block's 8 sums Σ u·c with 128-bit vectors on any processor (ARM's NEON, x86 without AVX2): codes widen to
    /// 16 bits, where a product (at most 127 × 127) fits, then to 32 bits, into one sum per row and place in the group;
    /// each row's 4 places are added once at the end. About five times the AVX2 kernel's instructions, still a quarter
    /// of the float scan's bytes.
    /// </summary>
    private static Vector256<int> BlockSumsPortable(ReadOnlySpan<int> packed, int groups, ref sbyte code, nuint at)
    {
        Span<Vector128<int>> byRow = stackalloc Vector128<int>[BlockRows];
        byRow.Clear();
        for (var g = 0; g < groups; g++, at += 32)
        {
            var query = Vector128.WidenLower(Vector128.Create(packed[g]).AsSByte()); // u0 … u3 twice: two rows' worth
            for (var half = 0; half < 2; half++)
            {
                var rows = Vector128.LoadUnsafe(ref code, at + (nuint)(16 * half)); // 4 rows × 4 codes
                var (first, second) = (Vector128.WidenLower(rows) * query, Vector128.WidenUpper(rows) * query);
                byRow[4 * half] += Vector128.WidenLower(first);
                byRow[4 * half + 1] += Vector128.WidenUpper(first);
                byRow[4 * half + 2] += Vector128.WidenLower(second);
                byRow[4 * half + 3] += Vector128.WidenUpper(second);
            }
        }
        return Vector256.Create(
            Vector128.Sum(byRow[0]), Vector128.Sum(byRow[1]), Vector128.Sum(byRow[2]), Vector128.Sum(byRow[3]),
            Vector128.Sum(byRow[4]), Vector128.Sum(byRow[5]), Vector128.Sum(byRow[6]), Vector128.Sum(byRow[7]));
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

/// <summary>
/// The instructions an 8-bit scan runs on, fastest first (<see cref="QuantizedRows.BestKernel"/> takes the first that
/// runs); all give the same integer sums, so the same estimates.
/// </summary>
public enum QuantizedKernel
{
    /// <summary>Neither runs here: indexes scan floats.</summary>
    None,
    /// <summary>AVX-VNNI's byte dot product (vpdpbusd): one instruction per 4 dimensions of 8 rows.</summary>
    AvxVnni,
    /// <summary>AVX2's byte and word multiply-adds (vpmaddubsw, vpmaddwd) with a sign move: four instructions.</summary>
    Avx2,
    /// <summary>128-bit widening multiplies on any processor with vector hardware (ARM's NEON; x86 without AVX2).</summary>
    Portable,
}
