using ContentGrains.Core.Click;

namespace ContentGrains.Core.Tests.Click;

public sealed class SlateRankTests
{
    [Fact]
    public void Each_value_gets_the_share_of_the_others_below_it_with_ties_counting_half()
    {
        float[] values = [1, 3, 3, 7, 0];
        var ranks = new float[5];

        SlateRank.Of(values, ranks);

        // 1: one below (0) of four others → 0.25; 3: two below (1, 0) and one tie → 2.5 / 4; 7: all four below; 0: none.
        Assert.Equal([0.25f, 0.625f, 0.625f, 1f, 0f], ranks);
    }

    [Fact]
    public void A_lone_value_is_in_the_middle_and_equal_values_all_are()
    {
        var lone = new float[1];
        SlateRank.Of([42f], lone);
        Assert.Equal(0.5f, lone[0]);

        var equal = new float[3];
        SlateRank.Of([2f, 2f, 2f], equal);
        Assert.All(equal, r => Assert.Equal(0.5f, r));
    }

    [Fact]
    public void Mismatched_lengths_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SlateRank.Of([1f, 2f], new float[3]));
        Assert.Contains("ranks", error.Message);
    }
}
