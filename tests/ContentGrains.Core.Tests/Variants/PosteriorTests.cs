using ContentGrains.Core.Simulation;
using ContentGrains.Core.Variants;

namespace ContentGrains.Core.Tests.Variants;

/// <summary>Beta posteriors and their comparison against values worked out by hand.</summary>
public class PosteriorTests
{
    [Fact]
    public void Ten_impressions_and_three_clicks_under_a_uniform_prior_are_Beta_4_8()
    {
        var posterior = BetaPosterior.From(impressions: 10, clicks: 3);

        Assert.Equal(new BetaPosterior(4, 8), posterior);
        Assert.Equal(1.0 / 3, posterior.Mean, 12);
    }

    [Fact]
    public void Clicks_beyond_impressions_leave_no_negative_misses()
    {
        Assert.Equal(new BetaPosterior(6, 1), BetaPosterior.From(impressions: 3, clicks: 5));
    }

    [Theory]
    // Beta(1,1) is uniform: the quantiles are the tail masses. Beta(2,1) has CDF x², so q(p) = √p.
    // Beta(1,2) has CDF 1 − (1 − x)², so q(p) = 1 − √(1 − p).
    [InlineData(1, 1, 0.025, 0.975)]
    [InlineData(2, 1, 0.158113883, 0.987420883)]
    [InlineData(1, 2, 0.012579117, 0.841886117)]
    public void The_95_percent_interval_is_the_central_quantiles(double alpha, double beta, double low, double high)
    {
        var (l, h) = new BetaPosterior(alpha, beta).Interval();

        Assert.Equal(low, l, 6);
        Assert.Equal(high, h, 6);
    }

    [Fact]
    public void Draws_have_the_Beta_mean_and_variance()
    {
        var posterior = new BetaPosterior(4, 8);
        var random = new SimRandom(7);
        var draws = Enumerable.Range(0, 200_000).Select(_ => posterior.Sample(random)).ToArray();
        var mean = draws.Average();
        var variance = draws.Sum(d => (d - mean) * (d - mean)) / draws.Length;

        Assert.Equal(1.0 / 3, mean, 2);            // α / (α + β)
        Assert.Equal(32.0 / (144 * 13), variance, 3); // αβ / ((α + β)² (α + β + 1)) = 0.017094
    }

    [Fact]
    public void P_best_and_expected_loss_of_Beta_2_1_against_a_uniform_match_the_integrals()
    {
        // X ~ Beta(2,1) (density 2x), Y ~ U(0,1): P(X > Y) = ∫ 2x·x dx = 2/3.
        // E[(Y − X)+] = ∫ 2x (1 − x)²/2 dx = 1/12 (X's expected loss); E[(X − Y)+] = E[X] − E[Y] + 1/12 = 1/4 (Y's).
        var comparison = PosteriorComparison.Estimate([new BetaPosterior(2, 1), new BetaPosterior(1, 1)], 200_000, new SimRandom(3));

        Assert.Equal(2.0 / 3, comparison.ProbabilityBest[0], 2);
        Assert.Equal(1.0 / 3, comparison.ProbabilityBest[1], 2);
        Assert.Equal(1.0 / 12, comparison.ExpectedLoss[0], 2);
        Assert.Equal(0.25, comparison.ExpectedLoss[1], 2);
        Assert.Equal(0, comparison.Leader());
    }

    [Fact]
    public void The_same_seed_gives_the_same_estimate()
    {
        BetaPosterior[] variants = [new(5, 95), new(7, 93)];

        Assert.Equal(PosteriorComparison.Estimate(variants, 1_000, new SimRandom(9)).ProbabilityBest,
            PosteriorComparison.Estimate(variants, 1_000, new SimRandom(9)).ProbabilityBest);
    }
}
