using ContentGrains.Core.Simulation;
using ContentGrains.Core.Variants;

namespace ContentGrains.Core.Tests.Variants;

public class HeadlineBanditSimulationTests
{
    [Fact]
    public void The_planted_variant_has_the_lifted_click_probability()
    {
        var truth = new PlantedHeadline(3, 2, 0.04, 0.25);

        Assert.Equal([0.04, 0.04, 0.05], Enumerable.Range(0, 3).Select(v => Math.Round(truth.ClickProbability(v), 12)));
        Assert.Equal(0.01, truth.Regret(0), 12);
        Assert.Equal(0, truth.Regret(2));
    }

    [Fact]
    public void Thompson_finds_a_strong_planted_lift_with_far_less_regret_than_an_equal_split()
    {
        // A +50% lift on a 10% base, 10,000 impressions: small enough for a unit test, the bench runs the real target.
        var truth = new PlantedHeadline(2, 1, 0.10, 0.5);
        var simulation = new HeadlineBanditSimulation(truth, new VariantSettings { MinImpressionsPerVariant = 300 }, horizon: 10_000);

        var runs = Enumerable.Range(0, 20).Select(seed => simulation.Run(seed)).ToList();
        var summary = HeadlineBanditSummary.Of(runs, truth);

        // The equal split gives up 0.05 on every other impression: 250 expected clicks, exactly.
        Assert.Equal(250, summary.MeanEqualSplitRegret, 6);
        Assert.True(summary.RegretRatio < 1.0 / 3, $"regret ratio {summary.RegretRatio:F3}");
        Assert.Equal(1, summary.RightWinnerShare);
        var (first, again) = (simulation.Run(3), simulation.Run(3)); // a seed fixes the run
        Assert.Equal((first.ThompsonRegret, first.Declared, first.DeclaredAtImpression), (again.ThompsonRegret, again.Declared, again.DeclaredAtImpression));
        Assert.Equal(first.ThompsonImpressions, again.ThompsonImpressions);
    }
}
