namespace ContentGrains.Core.Segments;

/// <summary>The mean silhouette k-means reached with k segments.</summary>
public sealed record KSilhouette(int K, double Silhouette);

/// <summary>DBSCAN over the same sample: its eps (from the k-distance knee), minPoints, clusters, noise and silhouette (noise left out).</summary>
public sealed record DbscanSummary(double Eps, int MinPoints, int Clusters, int Noise, double NoiseShare, double? Silhouette);

/// <summary>How a segmentation was fitted: by what, over how many people, each k's silhouette, the k chosen, DBSCAN's view, and the time.</summary>
public sealed record SegmentFitReport(
    string Clusterer,
    int People,
    int Sampled,
    int Dimensions,
    IReadOnlyList<KSilhouette> Silhouettes,
    int ChosenK,
    DbscanSummary Dbscan,
    double Seconds,
    DateTimeOffset FittedAt);
