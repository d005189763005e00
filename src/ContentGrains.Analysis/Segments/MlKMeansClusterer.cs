using ContentGrains.Core.Segments;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ContentGrains.Analysis.Segments;

/// <summary>
/// k-means by ML.NET's trainer (k-means++ initialisation, one thread so a seed gives one answer). ML.NET numbers
/// clusters from 1; this answers 0-based labels and the centroids in the same order.
/// </summary>
public sealed class MlKMeansClusterer : ISegmentClusterer
{
    public string Name => "ml.net-kmeans++";

    public Clustering Cluster(IReadOnlyList<float[]> points, int k, int seed)
    {
        if (points.Count < k) throw new ArgumentException($"k-means with k = {k} needs at least {k} people, got {points.Count}", nameof(points));
        var dimensions = points[0].Length;
        var ml = AnalysisContext.Create(seed);
        var data = ml.Data.LoadFromEnumerable(points.Select(p => new FeatureRow { Features = p }), AnalysisContext.FeatureSchema<FeatureRow>(dimensions));
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 300,
        });
        var model = trainer.Fit(data);
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out var found);
        var dense = centroids.Take(found).Select(c => c.DenseValues().ToArray()).ToArray();
        var labels = ml.Data.CreateEnumerable<Assigned>(model.Transform(data), reuseRowObject: false)
            .Select(a => (int)a.PredictedLabel - 1).ToArray();
        return new Clustering(labels, dense);
    }

    private sealed class Assigned
    {
        public uint PredictedLabel { get; set; }
    }
}
