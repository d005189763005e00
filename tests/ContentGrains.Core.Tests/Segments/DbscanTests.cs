using ContentGrains.Core.Segments;

namespace ContentGrains.Core.Tests.Segments;

public sealed class DbscanTests
{
    // Worked by hand: 0 1 2 | 10 11 12 | 30 with eps 1.5, minPoints 3. Only 1 and 11 have 3 points within 1.5 (themselves
    // and both neighbours): they are the cores; 0, 2, 10, 12 are border points of their clusters; 30 is noise.
    private static readonly float[][] Points = Distances.Matrix(new float[] { 0, 1, 2, 10, 11, 12, 30 }.Select(x => new[] { x }).ToList());

    [Fact]
    public void Hand_worked_example_gives_two_clusters_and_one_noise_point()
    {
        var result = Dbscan.Run(Points, eps: 1.5, minPoints: 3);
        Assert.Equal([0, 0, 0, 1, 1, 1, -1], result.Labels);
        Assert.Equal((2, 1), (result.Clusters, result.Noise));
    }

    [Fact]
    public void A_border_point_does_not_extend_its_cluster()
    {
        // 0 0.5 1 1.9 2.8 with eps 1, minPoints 4: only 1 is a core ({0, 0.5, 1, 1.9}); 0, 0.5 and 1.9 are its border
        // points; 2.8 is within eps of the border point 1.9 only, and a border point does not reach further: noise.
        var points = Distances.Matrix(new[] { 0f, 0.5f, 1f, 1.9f, 2.8f }.Select(x => new[] { x }).ToList());
        Assert.Equal([0, 0, 0, 0, -1], Dbscan.Run(points, 1, 4).Labels);
    }

    [Fact]
    public void Too_few_neighbours_everywhere_is_all_noise() =>
        Assert.All(Dbscan.Run(Points, eps: 0.5, minPoints: 2).Labels, label => Assert.Equal(-1, label));

    [Fact]
    public void Eps_comes_from_the_k_distance_knee()
    {
        // Nearest-neighbour distances: 1 for the six clustered points, 18 for 30; sorted [1,1,1,1,1,1,18]: the knee is the
        // last 1 (x = 5/6, y = 0), so eps = 1, and with minPoints 2 that eps finds both groups.
        Assert.Equal([1, 1, 1, 1, 1, 1, 18], KDistanceKnee.KDistances(Points, 1));
        var eps = KDistanceKnee.Eps(Points, 1);
        Assert.Equal(1, eps, 6);
        Assert.Equal([0, 0, 0, 1, 1, 1, -1], Dbscan.Run(Points, eps, 2).Labels);
    }

    [Fact]
    public void Bad_parameters_are_named()
    {
        Assert.Contains("eps must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => Dbscan.Run(Points, 0, 3)).Message);
        Assert.Contains("minPoints must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => Dbscan.Run(Points, 1, 0)).Message);
    }
}
