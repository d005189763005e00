namespace ContentGrains.Core.Segments;

/// <summary>How segments are fitted: the range k is chosen from, the sample the clustering sees, DBSCAN's density, the seed.</summary>
public sealed record SegmentFitOptions
{
    public int MinK { get; init; } = 2;
    public int MaxK { get; init; } = 12;
    /// <summary>People the clustering, silhouettes and DBSCAN see (the n² distance matrix bounds it: 4,000 is 64 MB).</summary>
    public int SampleSize { get; init; } = 3_000;
    /// <summary>DBSCAN's minPoints; eps comes from the k-distance knee with k = MinPoints − 1.</summary>
    public int MinPoints { get; init; } = 10;
    /// <summary>Tags kept in the feature space (the most shared ones).</summary>
    public int MaxTags { get; init; } = 64;
    public int Seed { get; init; } = 1;
    /// <summary>k-means runs per k from different seeds; the one with the least within-segment sum of squares is kept (k-means stops in local optima).</summary>
    public int Restarts { get; init; } = 5;

    /// <summary>The first problem, naming the field, or null.</summary>
    public (string Field, string Reason)? Problem() =>
        MinK < 2 ? ("minK", "must be at least 2 (a silhouette needs two segments)")
        : MaxK < MinK ? ("maxK", $"must be at least minK ({MinK})")
        : SampleSize < 10 ? ("sampleSize", "must be at least 10")
        : SampleSize > 20_000 ? ("sampleSize", "must be at most 20,000 (the distance matrix holds sampleSize² floats)")
        : MinPoints < 2 ? ("minPoints", "must be at least 2")
        : MaxTags < 1 ? ("maxTags", "must be at least 1")
        : Restarts < 1 ? ("restarts", "must be at least 1")
        : null;
}
