using System.Numerics.Tensors;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Tests.Vectors;

/// <summary>
/// The 8-bit scan: every estimate lies within the rounding's bound of the float product, and the index over it finds
/// nearly the exact scan's answer, with each kernel this processor runs (the portable one wherever 128-bit vectors are
/// accelerated, AVX2 everywhere x86-64-v3 runs, AVX-VNNI on newer ones). A processor with neither builds no 8-bit copy, which these tests report rather than pass without running.
/// </summary>
public sealed class QuantizedRowsTests
{
    /// <summary>Why an 8-bit test cannot run on this machine (ClusteredVectorIndexTests say the same).</summary>
    internal const string NoKernel = "the test machine accelerates no vectors the 8-bit scan runs on (AVX-VNNI, AVX2, 128-bit)";

    [Fact]
    public void Every_kernel_this_processor_runs_gives_the_exact_integer_sum_of_the_codes()
    {
        QuantizedKernel[] kernels = [.. Enum.GetValues<QuantizedKernel>().Where(QuantizedRows.Runs)];
        Assert.True(kernels.Length > 0, NoKernel);
        const int n = 1_001, d = 76; // a last block of one row; 19 groups of 4 (an odd count: the kernels' tails)
        var rows = ClusteredVectors.Generate(n, d, clusters: 12, seed: 3);
        rows[5 * d + 1] = -30f; // codes at -127 and small ones in the same row
        foreach (var kernel in kernels)
        {
            var quantized = QuantizedRows.TryBuild(rows, n, d, kernel)!;
            Assert.Equal(kernel, quantized.Kernel);
            foreach (var (query, r, row, estimate) in EstimatesOf(quantized, rows, d))
            {
                var (s, t) = (MaxMagnitude(row) / 127, MaxMagnitude(query) / 127);
                long sum = 0;
                for (var j = 0; j < d; j++) sum += Code(row[j], s) * Code(query[j], t);
                var expected = sum * s * t;
                Assert.True(Math.Abs(estimate - expected) <= 1e-5 * Math.Abs(expected) + 1e-7, $"{kernel}, row {r}: estimate {estimate}, codes' sum × steps {expected}");
            }
        }
    }

    [Fact]
    public void A_kernel_the_processor_does_not_run_builds_no_copy()
    {
        Assert.Null(QuantizedRows.TryBuild(new float[64], 8, 8, QuantizedKernel.None));
        foreach (var kernel in Enum.GetValues<QuantizedKernel>().Where(k => !QuantizedRows.Runs(k)))
            Assert.Null(QuantizedRows.TryBuild(new float[64], 8, 8, kernel));
        Assert.Equal(QuantizedRows.Supported, QuantizedRows.TryBuild(new float[64], 8, 8) is not null);
    }

    [Fact]
    public void Every_estimate_lies_within_the_roundings_bound_of_the_float_product()
    {
        Assert.True(QuantizedRows.Supported, NoKernel);
        const int n = 3_001, d = 68; // a last block of one row; 17 groups of 4 (four at a time, then one)
        var rows = ClusteredVectors.Generate(n, d, clusters: 12, seed: 5);
        rows[7 * d + 3] = 40f; // one large value: a coarse step for the rest of its row
        Array.Clear(rows, 11 * d, d); // a zero row
        var quantized = QuantizedRows.TryBuild(rows, n, d)!;
        foreach (var (query, r, row, estimate) in EstimatesOf(quantized, rows, d))
        {
            var (s, t) = (MaxMagnitude(row) / 127, MaxMagnitude(query) / 127);
            double codes = 0;
            foreach (var v in row) codes += s > 0 ? Math.Abs(Math.Round(v / s)) : 0;
            var bound = s * (TensorPrimitives.SumOfMagnitudes(query) / 2 + t / 2 * codes);
            var exact = TensorPrimitives.Dot(row, query);
            Assert.True(Math.Abs(estimate - exact) <= bound * 1.001 + 1e-5, $"row {r}: estimate {estimate}, float product {exact}, bound {bound}");
            if (r == 11) Assert.Equal(0f, estimate);
        }
    }

    [Theory]
    [InlineData(10_000, 64, 200, false)]
    [InlineData(10_000, 64, 200, true)]
    [InlineData(10_000, 64, 10, false)]
    [InlineData(5_000, 32, 40, true)]
    public void The_8_bit_scan_finds_nearly_the_exact_scans_answer_and_keeps_the_filter(int n, int d, int k, bool filtered)
    {
        Assert.True(QuantizedRows.Supported, NoKernel);
        var rows = ClusteredVectors.Generate(n, d, clusters: 20, seed: n + d);
        var queries = ClusteredVectors.Queries(50, d, clusters: 20, seed: n + d);
        var quantized = QuantizedVectorIndex.TryBuild(rows, d)!;
        var exact = new ExactVectorIndex(rows, d);
        Func<int, bool>? allow = filtered ? key => key % 5 != 0 : null;

        var recall = IndexRecall.AtK(quantized, exact, queries, k, allow);

        Assert.True(recall >= 0.97, $"recall@{k} {recall:F4}");
        var (keys, scores) = (new int[k], new float[k]);
        Assert.Equal(k, quantized.Search(queries.AsSpan(0, d), keys, scores, allow));
        Assert.All(keys, key => Assert.True(allow?.Invoke(key) ?? true));
        for (var i = 1; i < k; i++) Assert.True(scores[i - 1] >= scores[i], "best first");
    }

    [Fact]
    public void Equal_estimates_keep_the_lower_key_first()
    {
        // Rows of a few integer values: many share each estimate, and the top 100 cuts through a tie.
        const int n = 4_000, d = 8, k = 100;
        var random = new Random(9);
        var rows = Enumerable.Range(0, n * d).Select(_ => (float)random.Next(-2, 3)).ToArray();
        float[] query = [1, 1, 0, 2, -1, 0, 1, 1];
        var (keys, scores) = (new int[k], new float[k]);

        Assert.Equal(k, QuantizedVectorIndex.TryBuild(rows, d)!.Search(query, keys, scores));

        for (var i = 1; i < k; i++)
            Assert.True(scores[i - 1] > scores[i] || (scores[i - 1] == scores[i] && keys[i - 1] < keys[i]), $"places {i - 1} and {i}");
        Assert.Contains(keys, key => scores[0] != scores[k - 1]); // the list spans more than one score
    }

    [Fact]
    public void Dimensions_not_in_whole_groups_of_four_get_no_8_bit_copy()
    {
        Assert.Null(QuantizedRows.TryBuild(new float[60], 10, 6));
        Assert.Null(QuantizedVectorIndex.TryBuild(new float[60], 6));
        Assert.Equal("vectors", Assert.Throws<ArgumentException>(() => QuantizedVectorIndex.TryBuild([1, float.NaN, 0, 0], 4)).ParamName);
    }

    /// <summary>Each of <see cref="Queries"/> estimated against every row: the query, the row's index and values, the estimate.</summary>
    private static IEnumerable<(float[] Query, int Row, float[] Values, float Estimate)> EstimatesOf(QuantizedRows quantized, float[] rows, int d)
    {
        var estimate = new float[quantized.Count];
        foreach (var query in Queries(d))
        {
            quantized.Estimate(query, estimate);
            for (var r = 0; r < quantized.Count; r++) yield return (query, r, rows.AsSpan(r * d, d).ToArray(), estimate[r]);
        }
    }

    private static int Code(float value, float step) => step > 0 ? (int)Math.Clamp(MathF.Round(value / step), -127f, 127f) : 0;

    private static float MaxMagnitude(ReadOnlySpan<float> values) => TensorPrimitives.MaxMagnitude(values) is var m ? Math.Abs(m) : 0;

    private static IEnumerable<float[]> Queries(int d)
    {
        var clustered = ClusteredVectors.Queries(3, d, clusters: 12, seed: 8);
        for (var i = 0; i < 3; i++) yield return clustered.AsSpan(i * d, d).ToArray();
        var random = new Random(d);
        yield return Enumerable.Range(0, d).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        yield return Enumerable.Range(0, d).Select(j => j == 0 ? 5f : 0.001f * j).ToArray(); // one dominant dimension
    }
}
