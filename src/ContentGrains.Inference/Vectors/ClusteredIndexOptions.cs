using ContentGrains.Core.Vectors;

namespace ContentGrains.Inference.Vectors;

/// <summary>
/// Whether catalogs in the graph's range (20,000 items and more, below <see cref="BelowItems"/>) get the clustered 8-bit index
/// (<see cref="ClusteredVectorIndex"/>) instead of the HNSW graph, and how much of it a search reads. On trained vectors
/// at 100,000 items the graph found 0.29 of a person's true top 200 (the feed's model candidates), the clustered index
/// 0.993 with less CPU (bench/results/scale-clustered-100k.json). The graph stays where the processor lacks AVX-VNNI, or
/// when this is turned off.
/// </summary>
public sealed record ClusteredIndexOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Catalogs of this many items or more get the graph even when enabled. A search reads a share of the rows, so its
    /// cost grows with the catalog where the graph's grows with its log: at 1M items (bench/results/scale-1m-clustered.json)
    /// a person's top 200 cost 525 µs against the M32 graph's 519 µs (recall 0.978 against 0.718), but each item's
    /// neighbour list made on a feed's first ask cost a read of 50,000 rows, and the feed's p99 went past 5 ms (5.66).
    /// Between 100,000 (measured, a clear gain) and 1M nothing is measured; 500,000 reads 25,000 rows per search.
    /// </summary>
    public int BelowItems { get; init; } = 500_000;

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
