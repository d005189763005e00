using ContentGrains.Core.Segments;

namespace ContentGrains.Core.Tests.Segments;

public sealed class AdjustedRandIndexTests
{
    [Theory]
    // Values worked by hand from the formula (and as scikit-learn's adjusted_rand_score documents them).
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 1 }, 1.0)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 1, 1, 0, 0 }, 1.0)]                 // renaming changes nothing
    [InlineData(new[] { 0, 0, 1, 2 }, new[] { 0, 0, 1, 1 }, 4.0 / 7)]             // index 1, expected 2/6·1… = (1 − 1/3) / (7/6 − 1/3)… = 0.5714
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 0, 1, 2, 3 }, 0.0)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 1, 0, 1 }, -0.5)]                // index 0, expected 2/3, max 2: −(2/3)/(4/3)
    public void Matches_hand_computed_values(int[] truth, int[] found, double expected) =>
        Assert.Equal(expected, AdjustedRandIndex.Of(truth, found), 12);

    [Fact]
    public void Six_people_one_misplaced()
    {
        // Contingency [[3,0],[1,2]]: Σ C(nij,2) = 3 + 0 + 0 + 1 = 4; rows 3,3 → 6; columns 4,2 → 7; E = 6·7/15 = 2.8;
        // max = 6.5; ARI = (4 − 2.8) / (6.5 − 2.8) = 1.2 / 3.7.
        Assert.Equal(1.2 / 3.7, AdjustedRandIndex.Of([0, 0, 0, 1, 1, 1], [0, 0, 0, 0, 1, 1]), 12);
    }

    [Fact]
    public void Rejects_labelings_of_different_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Of([0, 1], [0, 1, 1]));
        Assert.Contains("2 true labels against 3", error.Message);
    }
}
