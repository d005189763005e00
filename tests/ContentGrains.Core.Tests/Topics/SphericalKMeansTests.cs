using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Tests.Topics;

public sealed class SphericalKMeansTests
{
    [Fact]
    public void Recovers_planted_clusters()
    {
        var (points, truth) = PlantedTopics.Draw(clusters: 5, perCluster: 40, dimensions: 24, noise: 0.25f, seed: 3);
        var fit = new SphericalKMeans(restarts: 4).Fit(points, 5, seed: 1);
        Assert.Equal(1.0, NormalizedMutualInformation.Between(fit.Assignments, truth), 9);
        Assert.All(fit.Centroids, c => Assert.Equal(1.0, Math.Sqrt(c.Sum(x => (double)x * x)), 4));
        Assert.Equal(Enumerable.Repeat(40, 5), fit.Sizes().Order());
    }

    [Fact]
    public void The_same_seed_gives_the_same_clusters()
    {
        var (points, _) = PlantedTopics.Draw(clusters: 6, perCluster: 20, dimensions: 16, noise: 0.8f, seed: 5);
        var first = new SphericalKMeans(restarts: 2).Fit(points, 6, seed: 9);
        var second = new SphericalKMeans(restarts: 2).Fit(points, 6, seed: 9);
        Assert.Equal(first.Assignments, second.Assignments);
    }

    [Fact]
    public void More_clusters_than_points_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SphericalKMeans().Fit([[1f, 0f], [0f, 1f]], 3, seed: 1));
        Assert.Contains("k must be between 1 and the number of points (2)", error.Message);
    }
}
