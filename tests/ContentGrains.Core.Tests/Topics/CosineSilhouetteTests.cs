using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Tests.Topics;

public sealed class CosineSilhouetteTests
{
    // Four unit vectors in the plane; cosine distances: d01 = .2, d02 = 1, d03 = 1.6, d12 = .4, d13 = 1, d23 = .2.
    private static readonly float[][] Points = [[1f, 0f], [0.8f, 0.6f], [0f, 1f], [-0.6f, 0.8f]];

    [Fact]
    public void Two_pairs_score_the_hand_computed_mean()
    {
        // s0 = (1.3 - .2) / 1.3, s1 = (.7 - .2) / .7, s2 = s1, s3 = s0: mean 0.780220
        Assert.Equal(0.780220, new CosineSilhouette(Points).Score([0, 0, 1, 1]), 5);
    }

    [Fact]
    public void A_wrong_split_scores_lower_and_can_go_negative()
    {
        var silhouette = new CosineSilhouette(Points);
        var wrong = silhouette.Score([0, 1, 0, 1]);
        Assert.True(wrong < 0, $"silhouette {wrong}");
    }

    [Fact]
    public void A_point_alone_in_its_cluster_scores_zero()
    {
        // s0 = 0 (alone). s1: a = (.4 + 1) / 2 = .7, b = .2 -> -0.714286. s2: a = (.4 + .2) / 2 = .3, b = 1 -> .7.
        // s3: a = (1 + .2) / 2 = .6, b = 1.6 -> .625. Mean: 0.152679.
        Assert.Equal(0.152679, new CosineSilhouette(Points).Score([0, 1, 1, 1]), 5);
    }
}
