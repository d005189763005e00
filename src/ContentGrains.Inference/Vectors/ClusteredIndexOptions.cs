using ContentGrains.Core.Vectors;

namespace ContentGrains.Inference.Vectors;

/// <summary>
/// Whether catalogs of 20,000 items and more (below <see cref="BelowItems"/>) get the clustered 8-bit index
/// (<see cref="ClusteredVectorIndex"/>) instead of the HNSW graph, and how much of it a search reads. On trained vectors
/// at 100,000 items the graph found 0.29 of a person's true top 200 (the feed's model candidates), the clustered index
/// 0.993 with less CPU (bench/results/scale-clustered-100k.json); at 1M, 0.72 against 0.98 at a quarter of the CPU. The
/// graph stays where the processor has neither AVX-VNNI nor AVX2 (<see cref="QuantizedRows.Supported"/>), or when this is turned off.
/// </summary>
public sealed record ClusteredIndexOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Catalogs of this many items or more get the graph even when enabled; by default none do. With the share of rows
    /// read unbounded, the index cost what the M32 graph did at 1M items and made the feed's p99 5.66 ms
    /// (bench/results/scale-1m-clustered.json), so the graph served from 500,000; with <see cref="MaxRowsRead"/> a person's
    /// top 200 at 1M costs 169 µs against the graph's 621 µs, at recall 0.978 against 0.719, and the feed's p50 / p99 are
    /// 1.37 / 3.07 ms (bench/results/scale-1m-clustered-rows.json). Beyond 1M nothing is measured: the 10,000 rows read are
    /// fewer of the √n clusters, so raise <see cref="MaxRowsRead"/> or set this to return to the graph.
    /// </summary>
    public int BelowItems { get; init; } = int.MaxValue;

    /// <summary>The share of the rows every search reads, from the clusters whose centres score best.</summary>
    public double ProbeShare { get; init; } = ClusteredVectorIndex.DefaultProbeShare;

    /// <summary>The share a search may read at most while a further cluster's bound still beats its k-th best.</summary>
    public double MaxReadShare { get; init; } = ClusteredVectorIndex.DefaultMaxReadShare;

    /// <summary>The most rows one search reads whatever the shares: what keeps a search's cost from growing with the catalog.</summary>
    public int MaxRowsRead { get; init; } = ClusteredVectorIndex.DefaultMaxRowsRead;

    /// <summary>Refuses a setting out of range, naming it.</summary>
    public void Validate()
    {
        if (BelowItems < 0) throw new ArgumentOutOfRangeException(nameof(BelowItems), BelowItems, "belowItems must be 0 (never) or positive");
        if (!(ProbeShare > 0 && ProbeShare <= 1)) throw new ArgumentOutOfRangeException(nameof(ProbeShare), ProbeShare, "probeShare must be in (0, 1]");
        if (!(MaxReadShare >= ProbeShare && MaxReadShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(MaxReadShare), MaxReadShare, "maxReadShare must be between probeShare and 1");
        if (MaxRowsRead < 1) throw new ArgumentOutOfRangeException(nameof(MaxRowsRead), MaxRowsRead, "maxRowsRead must be positive");
    }

    /// <summary>The index for these rows, or null when turned off, too many, or the processor cannot run the 8-bit scan.</summary>
    public ClusteredVectorIndex? TryBuild(ReadOnlySpan<float> vectors, int dimensions) =>
        Enabled && vectors.Length / Math.Max(dimensions, 1) < BelowItems ? ClusteredVectorIndex.TryBuild(vectors, dimensions, ProbeShare, MaxReadShare, MaxRowsRead) : null;
}
