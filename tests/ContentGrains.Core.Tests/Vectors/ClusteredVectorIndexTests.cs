using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Tests.Vectors;

/// <summary>
/// The clustered 8-bit index (an inverted file): it finds nearly the exact scan's top k, at the feed's k as well as at
/// 10; a filter never lets a refused item through and the search widens until k pass; padding rows (clusters are padded
/// to blocks of 8) are never answers; the ranked prefix filtered gives the filtered search's answer. It runs on the
/// 8-bit scan's best kernel here (AVX-VNNI, AVX2 or the portable one); with none no index is built, which these tests
/// report rather than pass without running.
/// </summary>
public sealed class ClusteredVectorIndexTests
{
    private const int Dimensions = 32;
    private static readonly float[] Rows = ClusteredVectors.Generate(20_003, Dimensions, clusters: 60, seed: 3);
    private static readonly float[] Queries = ClusteredVectors.Queries(100, Dimensions, clusters: 60, seed: 3);

    private static ClusteredVectorIndex Build(double probeShare = ClusteredVectorIndex.DefaultProbeShare, double maxReadShare = ClusteredVectorIndex.DefaultMaxReadShare)
    {
        Assert.True(QuantizedRows.Supported, QuantizedRowsTests.NoKernel);
        return ClusteredVectorIndex.TryBuild(Rows, Dimensions, probeShare, maxReadShare)!;
    }

    /// <summary>Vectors around 2,000 topics: the 141 coarse clusters overlap, so a query's best lie in many clusters.</summary>
    private static (float[] Rows, float[] Queries, ExactVectorIndex Exact) Overlapping()
    {
        Assert.True(QuantizedRows.Supported, QuantizedRowsTests.NoKernel);
        var rows = ClusteredVectors.Generate(20_003, Dimensions, clusters: 2_000, seed: 4);
        return (rows, ClusteredVectors.Queries(100, Dimensions, clusters: 2_000, seed: 4), new ExactVectorIndex(rows, Dimensions));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    public void It_finds_nearly_the_exact_scans_top_k(int k)
    {
        var index = Build();
        var exact = new ExactVectorIndex(Rows, Dimensions);

        Assert.Equal(141, index.Clusters); // √20,003, rounded
        var recall = IndexRecall.AtK(index, exact, Queries, k);
        Assert.True(recall >= 0.97, $"recall@{k} {recall:F4}");
    }

    [Fact]
    public void Reading_a_smaller_share_costs_recall_where_clusters_overlap_and_the_bound_reads_on()
    {
        var (rows, queries, exact) = Overlapping();

        // k = 10 reads at least 80 rows (RowsPerK · k): about one cluster when the share asks for fewer.
        var narrow = IndexRecall.AtK(ClusteredVectorIndex.TryBuild(rows, Dimensions, 0.002, 0.002)!, exact, queries, 10);
        var share = IndexRecall.AtK(ClusteredVectorIndex.TryBuild(rows, Dimensions, 0.05, 0.05)!, exact, queries, 10);
        var bounded = IndexRecall.AtK(ClusteredVectorIndex.TryBuild(rows, Dimensions, 0.05, 0.5)!, exact, queries, 10);
        Assert.True(narrow < share - 0.05 && share < bounded - 0.02,
            $"recall@10 reading one cluster {narrow:F4}, 5 % {share:F4}, 5 % and on while a bound beats the 10th best {bounded:F4}");
    }

    [Fact]
    public void No_search_reads_more_rows_than_its_limit_whatever_the_shares_but_k_still_gets_k_answers()
    {
        var (rows, queries, exact) = Overlapping();
        var everything = ClusteredVectorIndex.TryBuild(rows, Dimensions, probeShare: 1, maxReadShare: 1, maxRowsRead: int.MaxValue)!;
        var limited = ClusteredVectorIndex.TryBuild(rows, Dimensions, probeShare: 1, maxReadShare: 1, maxRowsRead: 400)!;

        // Reading every row leaves only the 8-bit error; 400 rows (about three clusters of 142) miss what lies further out.
        var (all, few) = (IndexRecall.AtK(everything, exact, queries, 10), IndexRecall.AtK(limited, exact, queries, 10));
        Assert.True(all >= 0.95 && few < all - 0.1, $"recall@10 reading every row {all:F4}, at most 400 rows {few:F4}");

        // k = 200 needs RowsPerK · k = 1,600 rows: the limit never leaves k short.
        var (keys, scores) = (new int[200], new float[200]);
        Assert.Equal(200, limited.Search(queries.AsSpan(0, Dimensions), keys, scores));
        Assert.Equal(200, keys.Distinct().Count());
    }

    [Fact]
    public void A_filter_never_lets_a_refused_item_through_and_a_narrow_one_widens_the_search_until_k_pass()
    {
        var index = Build();
        var query = Queries.AsSpan(0, Dimensions).ToArray();
        var (keys, scores) = (new int[200], new float[200]);

        var found = index.Search(query, keys, scores, key => key % 3 == 0);
        Assert.Equal(200, found);
        Assert.All(keys, key => Assert.Equal(0, key % 3));

        // Five items pass, scattered over the clusters: every one is found, wherever its cluster ranks.
        int[] allowed = [5, 4_321, 9_999, 15_000, 20_002];
        found = index.Search(query, keys, scores, allowed.Contains);
        Assert.Equal(allowed, keys[..found].Order());
    }

    [Fact]
    public void Every_answer_is_a_distinct_item_best_first_and_padding_is_never_one()
    {
        var index = Build();
        var (keys, scores) = (new int[Rows.Length / Dimensions], new float[Rows.Length / Dimensions]);

        var found = index.Search(Queries.AsSpan(0, Dimensions), keys, scores);

        Assert.Equal(20_003, found); // asked for all: every item, no padding row among them
        Assert.Equal(20_003, keys.Distinct().Count());
        Assert.All(keys, key => Assert.InRange(key, 0, 20_002));
        for (var i = 1; i < found; i++) Assert.True(scores[i - 1] >= scores[i], $"scores out of order at {i}");
    }

    [Fact]
    public void The_ranked_prefix_filtered_gives_the_filtered_searchs_answer()
    {
        var index = Build();
        var query = Queries.AsSpan(Dimensions, Dimensions).ToArray();
        Func<int, bool> allow = key => key % 7 != 0;
        var prefix = new int[index.PrefixLength(20)];

        var length = index.RankedPrefix(query, 20, prefix, out var complete);
        var (keys, scores) = (new int[20], new float[20]);
        var found = index.Search(query, keys, scores, allow);

        Assert.False(complete);
        Assert.Equal(80, length);
        Assert.Equal(keys[..found], prefix[..length].Where(allow).Take(20));
    }

    [Fact]
    public void The_same_rows_and_seed_give_the_same_index()
    {
        var (first, second) = (Build(), Build());
        var (a, b) = (new int[50], new int[50]);
        for (var q = 0; q < 10; q++)
        {
            var query = Queries.AsSpan(q * Dimensions, Dimensions);
            first.Search(query, a, new float[50]);
            second.Search(query, b, new float[50]);
            Assert.Equal(a, b);
        }
    }
}
