using ContentGrains.Core.Simulation;
using ContentGrains.Core.Variants;

namespace ContentGrains.Core.Tests.Variants;

public class ThompsonSamplerTests
{
    // One variant is almost surely best: without a floor the other two would get almost nothing.
    private static readonly BetaPosterior[] OneClearlyBest = [new(1, 1_000), new(1_000, 1), new(1, 1_000)];

    private static double[] Shares(double minShare, int picks = 30_000)
    {
        var random = new SimRandom(11);
        var counts = new int[OneClearlyBest.Length];
        for (var i = 0; i < picks; i++) counts[ThompsonSampler.Pick(OneClearlyBest, minShare, random)]++;
        return counts.Select(c => (double)c / picks).ToArray();
    }

    [Fact]
    public void Every_variant_keeps_its_minimum_share()
    {
        var shares = Shares(minShare: 0.1);

        // 3 × 0.1 of the picks are uniform, so each loser gets 0.1 (± 0.005 at 3 standard errors) and the leader the rest.
        Assert.InRange(shares[0], 0.095, 0.105);
        Assert.InRange(shares[2], 0.095, 0.105);
        Assert.InRange(shares[1], 0.79, 0.81);
    }

    [Fact]
    public void Without_a_floor_Thompson_shows_the_clear_winner_almost_always()
    {
        var shares = Shares(minShare: 0);

        Assert.True(shares[1] > 0.999, $"the best variant got {shares[1]:P2}");
    }

    [Fact]
    public void Equal_posteriors_split_evenly()
    {
        var random = new SimRandom(5);
        var counts = new int[2];
        for (var i = 0; i < 20_000; i++) counts[ThompsonSampler.Pick([new BetaPosterior(3, 30), new BetaPosterior(3, 30)], 0.05, random)]++;

        Assert.InRange(counts[0] / 20_000.0, 0.48, 0.52);
    }
}
