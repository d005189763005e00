using System.Buffers;
using System.Numerics.Tensors;
using ContentGrains.Core.Evaluation;

namespace ContentGrains.Core.Vectors;

/// <summary>
/// An inverted file over 8-bit rows (IVF with 8-bit codes): the rows are grouped into about √n clusters by k-means
/// (<see cref="CoarseClusters"/>), each cluster's rows stored together as <see cref="QuantizedRows"/>, and a query
/// scores the cluster centres, then estimates only the rows of the best-scoring clusters until it has read
/// <see cref="ProbeShare"/> of the rows (at least <see cref="RowsPerK"/> · k), then any cluster whose bound still beats the
/// k-th best found (up to <see cref="MaxReadShare"/>), widening while a filter leaves fewer than k. Neither share reads
/// more than <see cref="MaxRowsRead"/> rows (unless k itself asks for more), so a search's cost stops growing with the
/// catalog: it reads a bounded number of rows plus the √n cluster centres. At 100,000 items a feed's top 250 reads
/// 5,000 to 10,000 rows of 64 bytes, in order, where the graph (HNSW) walks thousands of scattered 256-byte vectors.
/// Approximate twice over: a row in a cluster not read is missed, and scores are the 8-bit estimates. Ties keep the row
/// read first. Safe to search from many threads; never changes once built.
/// </summary>
public sealed class ClusteredVectorIndex : IVectorIndex, IRankedPrefix
{
    /// <summary>The share of the rows a search reads by default (bench/results/scale-clustered-100k.json and vectors-clustered-100k*.json measure recall against it).</summary>
    public const double DefaultProbeShare = 0.05;

    /// <summary>A search reads no more than this share of the rows while clusters' bounds still beat its k-th best (a filter that leaves fewer than k widens past it).</summary>
    public const double DefaultMaxReadShare = 0.25;

    /// <summary>
    /// The most rows a search reads, whatever the shares say (a filter that leaves fewer than k widens past it, and so
    /// does a k above <see cref="MaxRowsRead"/> ÷ <see cref="RowsPerK"/>). Without it both shares grow with the catalog:
    /// at 100,000 items on overlapping topics the bound read on to 25,000 rows for no recall (feed-cost, session 20).
    /// </summary>
    public const int DefaultMaxRowsRead = 10_000;

    /// <summary>A search reads at least this many rows per result asked for, whatever the share.</summary>
    public const int RowsPerK = 8;

    private const int BlockRows = 8;

    private readonly float[] centroids;   // clusters × dimensions
    private readonly int[] clusterStart;  // clusters + 1 row offsets, each a multiple of 8 (a cluster's rows are padded to whole blocks)
    private readonly int[] clusterSize;   // real rows per cluster (the padding follows them)
    private readonly int[] keyOfRow;      // the item key of each stored row; −1 for padding
    private readonly float[] radius;      // per cluster: the largest distance of one of its rows from its centre
    private readonly int clusterSizeMax;  // rows stored in the largest cluster
    private readonly QuantizedRows rows;
    private readonly int probeRows;       // rows the first phase reads (before RowsPerK · k)
    private readonly int capRows;         // rows the bound phase may reach (before the first phase's own length)

    private ClusteredVectorIndex(ReadOnlySpan<float> vectors, int count, int dimensions, double probeShare, double maxReadShare, int maxRowsRead, int seed)
    {
        (Count, Dimensions, ProbeShare, MaxReadShare, MaxRowsRead) = (count, dimensions, probeShare, Math.Max(probeShare, maxReadShare), maxRowsRead);
        var clusters = CoarseClusters.Fit(vectors, count, dimensions, (int)Math.Max(1, Math.Round(Math.Sqrt(count))), seed);
        centroids = clusters.Centroids;
        var k = centroids.Length / dimensions;
        clusterSize = new int[k];
        foreach (var cluster in clusters.Assignment) clusterSize[cluster]++;
        clusterStart = new int[k + 1];
        for (var c = 0; c < k; c++) clusterStart[c + 1] = clusterStart[c] + (clusterSize[c] + BlockRows - 1) / BlockRows * BlockRows;
        var stored = clusterStart[k];
        keyOfRow = new int[stored];
        Array.Fill(keyOfRow, -1);
        var ordered = new float[(long)stored * dimensions]; // padding rows stay zero
        var next = clusterStart[..k];
        radius = new float[k];
        for (var key = 0; key < count; key++)
        {
            var c = clusters.Assignment[key];
            var vector = vectors.Slice(key * dimensions, dimensions);
            var row = next[c]++;
            keyOfRow[row] = key;
            vector.CopyTo(ordered.AsSpan(row * dimensions, dimensions));
            radius[c] = Math.Max(radius[c], TensorPrimitives.Distance(vector, centroids.AsSpan(c * dimensions, dimensions)));
        }
        rows = QuantizedRows.TryBuild(ordered, stored, dimensions)!;
        for (var c = 0; c < k; c++) clusterSizeMax = Math.Max(clusterSizeMax, clusterStart[c + 1] - clusterStart[c]);
        probeRows = (int)Math.Clamp(Math.Ceiling(probeShare * stored), 1, maxRowsRead);
        capRows = (int)Math.Clamp(Math.Ceiling(MaxReadShare * stored), 1, maxRowsRead);
    }

    /// <summary>The index of <paramref name="vectors"/> (row-major, finite), or null where the 8-bit scan cannot run here (<see cref="QuantizedRows.Supported"/>).</summary>
    public static ClusteredVectorIndex? TryBuild(ReadOnlySpan<float> vectors, int dimensions, double probeShare = DefaultProbeShare,
        double maxReadShare = DefaultMaxReadShare, int maxRowsRead = DefaultMaxRowsRead, int seed = 17)
    {
        var count = VectorArguments.CheckRows(vectors, dimensions);
        if (!(probeShare > 0 && probeShare <= 1)) throw new ArgumentOutOfRangeException(nameof(probeShare), probeShare, "probeShare must be in (0, 1]");
        if (!QuantizedRows.Supported || dimensions % 4 != 0 || count == 0) return null;
        if (!(maxReadShare > 0 && maxReadShare <= 1)) throw new ArgumentOutOfRangeException(nameof(maxReadShare), maxReadShare, "maxReadShare must be in (0, 1]");
        if (maxRowsRead < 1) throw new ArgumentOutOfRangeException(nameof(maxRowsRead), maxRowsRead, "maxRowsRead must be positive");
        return new ClusteredVectorIndex(vectors, count, dimensions, probeShare, maxReadShare, maxRowsRead, seed);
    }

    public int Count { get; }
    public int Dimensions { get; }
    public double ProbeShare { get; }

    /// <summary>The share of the rows a search reads at most while clusters' bounds beat its k-th best (at least <see cref="ProbeShare"/>).</summary>
    public double MaxReadShare { get; }

    /// <summary>The most rows a search reads whatever the shares (<see cref="DefaultMaxRowsRead"/>).</summary>
    public int MaxRowsRead { get; }
    public int Clusters => clusterSize.Length;

    /// <summary>Bytes held: the 8-bit rows, their keys and the centres.</summary>
    public long Bytes => rows.Bytes + 4L * keyOfRow.Length + 4L * centroids.Length + 8L * clusterSize.Length;

    public int Search(ReadOnlySpan<float> query, Span<int> keys, Span<float> scores, Func<int, bool>? allow = null)
    {
        VectorArguments.CheckSearch(query, keys, scores, Dimensions);
        if (keys.Length == 0 || Count == 0) return 0;
        var k = Math.Min(keys.Length, Count);
        for (var budget = Math.Max(probeRows, RowsPerK * k); ; budget = (int)Math.Min(int.MaxValue / 4, 4L * budget))
        {
            var found = SearchWithin(query, budget, keys[..k], scores, allow, out var readAll);
            if (found == k || readAll) return found;
        }
    }

    /// <summary>
    /// The best of the clusters whose centres score best, reading at least <paramref name="budget"/> rows (or all); then
    /// every further cluster that could still hold a row above the k-th best found (its centre's score plus the query's
    /// length times the cluster's radius: a bound on any of its rows), up to <see cref="MaxReadShare"/> of the rows. On
    /// data with clear clusters the bound stops the reading early; where clusters overlap it reads up to the cap.
    /// </summary>
    private int SearchWithin(ReadOnlySpan<float> query, int budget, Span<int> keys, Span<float> scores, Func<int, bool>? allow, out bool readAll)
    {
        var clusters = Clusters;
        var order = ArrayPool<int>.Shared.Rent(clusters);
        var negatedScores = ArrayPool<float>.Shared.Rent(clusters);
        var cap = Math.Max(budget, capRows);
        var estimates = ArrayPool<float>.Shared.Rent(Math.Min(cap + clusterSizeMax, keyOfRow.Length));
        var keyAt = ArrayPool<int>.Shared.Rent(estimates.Length);
        var positions = ArrayPool<int>.Shared.Rent(keys.Length);
        try
        {
            var queryLength = MathF.Sqrt(TensorPrimitives.Dot(query, query));
            var centre = negatedScores.AsSpan(0, clusters);
            for (var c = 0; c < clusters; c++)
            {
                order[c] = c;
                centre[c] = -TensorPrimitives.Dot(query, centroids.AsSpan(c * Dimensions, Dimensions)); // negated: sorted ascending
            }
            centre.Sort(order.AsSpan(0, clusters));
            Span<int> packed = stackalloc int[rows.EncodedLength];
            var step = rows.Encode(query, packed);
            var (probed, length) = (0, 0);
            while (probed < clusters && length < budget) length = Read(order[probed++], packed, step, estimates, keyAt, length);
            var found = TopK.Select(estimates.AsSpan(0, length), positions.AsSpan(0, keys.Length), Allow(allow, keyAt));
            if (found == keys.Length && probed < clusters)
            {
                var kth = estimates[positions[found - 1]];
                var before = length;
                for (; probed < clusters && length < cap; probed++)
                {
                    var c = order[probed];
                    if (-centre[probed] + queryLength * radius[c] > kth) length = Read(c, packed, step, estimates, keyAt, length);
                }
                if (length > before) found = TopK.Select(estimates.AsSpan(0, length), positions.AsSpan(0, keys.Length), Allow(allow, keyAt));
            }
            readAll = probed == clusters && length == keyOfRow.Length;
            for (var i = 0; i < found; i++) (keys[i], scores[i]) = (keyAt[positions[i]], estimates[positions[i]]);
            return found;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<float>.Shared.Return(negatedScores);
            ArrayPool<float>.Shared.Return(estimates);
            ArrayPool<int>.Shared.Return(keyAt);
            ArrayPool<int>.Shared.Return(positions);
        }
    }

    private static Func<int, bool>? Allow(Func<int, bool>? allow, int[] keyAt) => allow is null ? null : p => allow(keyAt[p]);

    /// <summary>Estimates one cluster's rows into the buffers at <paramref name="at"/> (its padding −∞); returns the new length.</summary>
    private int Read(int cluster, ReadOnlySpan<int> packed, float step, float[] estimates, int[] keyAt, int at)
    {
        var (start, stored) = (clusterStart[cluster], clusterStart[cluster + 1] - clusterStart[cluster]);
        rows.Estimate(packed, step, start, estimates.AsSpan(at, stored));
        keyOfRow.AsSpan(start, stored).CopyTo(keyAt.AsSpan(at));
        estimates.AsSpan(at + clusterSize[cluster], stored - clusterSize[cluster]).Fill(float.NegativeInfinity);
        return at + stored;
    }

    /// <summary>As <see cref="ScanVectorIndex.PrefixLength"/>: a list kept per query is 4 k long, so a filter may refuse most of it.</summary>
    public int PrefixLength(int k) => Math.Min(Count, ScanVectorIndex.PrefixPerK * Math.Max(k, 1));

    /// <summary>The unfiltered search for <see cref="PrefixLength"/> results: the list the filtered search would filter, when it reads as many clusters.</summary>
    public int RankedPrefix(ReadOnlySpan<float> query, int k, Span<int> keys, out bool complete)
    {
        var length = PrefixLength(k);
        var scores = ArrayPool<float>.Shared.Rent(length);
        try
        {
            var found = Search(query, keys[..length], scores.AsSpan(0, length));
            complete = length == Count;
            return found;
        }
        finally { ArrayPool<float>.Shared.Return(scores); }
    }
}
