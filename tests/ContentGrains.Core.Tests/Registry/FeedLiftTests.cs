using ContentGrains.Core.Click;
using ContentGrains.Core.Registry;

namespace ContentGrains.Core.Tests.Registry;

public sealed class FeedLiftTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Mean_and_standard_error_are_the_sample_mean_and_sd_over_root_n()
    {
        // Lifts 0.1, 0.3, 0.2: mean 0.2; sample variance (0.01 + 0.01 + 0) / 2 = 0.01, sd 0.1; SE 0.1 / √3 = 0.057735.
        var lift = FeedLift.Of([0.1, 0.3, 0.2]);

        Assert.Equal(3, lift.Feeds);
        Assert.Equal(0.2, lift.Mean, 12);
        Assert.Equal(0.1 / Math.Sqrt(3), lift.StandardError, 12);
        Assert.Equal("+0.2000 ± 0.0577 (SE) over 3 feeds", lift.ToString());
    }

    [Fact]
    public void Each_scorable_feed_gives_the_scorers_AUC_difference_and_a_feed_without_a_click_is_left_out()
    {
        // Column 0 is the scorer's score, column 1 the reference's.
        // Feed 1, labels 1 0 0: scorer 0.9 | 0.1 0.5 → AUC 1; reference 0.2 | 0.5 0.1 → 1 of 2 pairs, 0.5. Lift +0.5.
        // Feed 2, labels 0 1 0 1: scorer 0.3 0.3 0.1 0.2 → pairs (0.3: tie ½, win 1) (0.2: loss 0, win 1) = 2.5 / 4 = 0.625;
        //         reference 0.1 0.9 0.2 0.8 → 4 / 4 = 1. Lift -0.375.
        // Feed 3, labels 0 0: no click, left out.
        // Mean 0.0625; sd = |0.5 - (-0.375)| / √2 = 0.618718; SE = sd / √2 = 0.4375.
        var feeds = new[]
        {
            Feed("f1", [1, 0, 0], [0.9f, 0.1f, 0.5f], [0.2f, 0.5f, 0.1f]),
            Feed("f2", [0, 1, 0, 1], [0.3f, 0.3f, 0.1f, 0.2f], [0.1f, 0.9f, 0.2f, 0.8f]),
            Feed("f3", [0, 0], [0.5f, 0.4f], [0.1f, 0.2f]),
        };

        var lift = FeedLift.Between(feeds, rows => Column(rows, 0), rows => Column(rows, 1));

        Assert.Equal(2, lift.Feeds);
        Assert.Equal(0.0625, lift.Mean, 6);
        Assert.Equal(0.4375, lift.StandardError, 6);
    }

    [Fact]
    public void Under_two_feeds_the_standard_error_is_infinite_so_no_bound_is_cleared()
    {
        Assert.Equal(new FeedLift(0, 0, double.PositiveInfinity), FeedLift.Of([]));
        var one = FeedLift.Of([0.4]);
        Assert.Equal((1, 0.4), (one.Feeds, one.Mean));
        Assert.False(one.IsAbove(2));
        Assert.False(one.IsBelow(2));
    }

    [Fact]
    public void The_bound_is_strict_in_both_directions()
    {
        var lift = new FeedLift(40, 0.04, 0.02);
        Assert.False(lift.IsAbove(2)); // 0.04 is not above 2 × 0.02
        Assert.True(lift.IsAbove(1.9));
        Assert.False(new FeedLift(40, -0.04, 0.02).IsBelow(2));
        Assert.True(new FeedLift(40, -0.0401, 0.02).IsBelow(2));
    }

    private static ClickImpression Feed(string id, float[] labels, float[] scores, float[] reference)
    {
        var rows = new float[labels.Length * ClickFeatures.Count];
        for (var r = 0; r < labels.Length; r++)
            (rows[r * ClickFeatures.Count], rows[r * ClickFeatures.Count + 1]) = (scores[r], reference[r]);
        return new ClickImpression(id, At, rows, labels);
    }

    private static float[] Column(float[] rows, int column) =>
        Enumerable.Range(0, rows.Length / ClickFeatures.Count).Select(r => rows[r * ClickFeatures.Count + column]).ToArray();
}
