using ContentGrains.Core.Segments;

namespace ContentGrains.Core.Tests.Segments;

public sealed class SilhouetteTests
{
    private static float[][] Line(params float[] xs) => Distances.Matrix(xs.Select(x => new[] { x }).ToList());

    [Fact]
    public void Two_pairs_on_a_line_match_the_hand_computed_mean()
    {
        // 0 and 1 against 4 and 5: a = 1 for everyone; b = 4.5, 3.5, 3.5, 4.5; s = 7/9, 5/7, 5/7, 7/9.
        Assert.Equal((7.0 / 9 + 5.0 / 7) / 2, Silhouette.Mean(Line(0, 1, 4, 5), [0, 0, 1, 1])!.Value, 6);
    }

    [Fact]
    public void A_point_alone_scores_zero_and_noise_is_left_out()
    {
        // 0 and 1 together, 5 alone: s = (5 − 1)/5 = 0.8, (4 − 1)/4 = 0.75, 0. Noise (−1) at 100 changes nothing.
        Assert.Equal((0.8 + 0.75 + 0) / 3, Silhouette.Mean(Line(0, 1, 5), [0, 0, 1])!.Value, 6);
        Assert.Equal((0.8 + 0.75 + 0) / 3, Silhouette.Mean(Line(0, 1, 5, 100), [0, 0, 1, -1])!.Value, 6);
    }

    [Fact]
    public void One_cluster_has_no_silhouette() => Assert.Null(Silhouette.Mean(Line(0, 1, 2), [0, 0, 0]));
}
