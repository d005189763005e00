namespace ContentGrains.Core.Segments;

/// <summary>Labels and centroids of a k-means run: label i in 0..k − 1 is the centroid nearest point i.</summary>
public sealed record Clustering(int[] Labels, float[][] Centroids);

/// <summary>
/// k-means over feature vectors. Core holds no native library, so the trainer lives outside it (ML.NET's, in
/// ContentGrains.Analysis) and the host hands it in.
/// </summary>
public interface ISegmentClusterer
{
    string Name { get; }

    Clustering Cluster(IReadOnlyList<float[]> points, int k, int seed);
}
