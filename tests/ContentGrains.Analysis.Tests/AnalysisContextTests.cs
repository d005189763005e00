using Microsoft.ML;
using Microsoft.ML.Data;

namespace ContentGrains.Analysis.Tests;

public sealed class AnalysisContextTests
{
    private sealed class Point { [VectorType(2)] public float[] Features { get; set; } = []; }

    [Fact]
    public void Seeded_kmeans_separates_two_well_apart_groups()
    {
        var ml = AnalysisContext.Create(seed: 7);
        var points = Enumerable.Range(0, 40)
            .Select(i => new Point { Features = i < 20 ? [i * 0.01f, 0f] : [10f + i * 0.01f, 10f] }).ToList();
        var data = ml.Data.LoadFromEnumerable(points);
        var model = ml.Clustering.Trainers.KMeans(numberOfClusters: 2).Fit(data);
        var labels = ml.Data.CreateEnumerable<Assigned>(model.Transform(data), reuseRowObject: false)
            .Select(p => p.PredictedLabel).ToList();

        Assert.Single(labels.Take(20).Distinct());
        Assert.Single(labels.Skip(20).Distinct());
        Assert.NotEqual(labels[0], labels[39]);
    }

    private sealed class Assigned { public uint PredictedLabel { get; set; } }
}
