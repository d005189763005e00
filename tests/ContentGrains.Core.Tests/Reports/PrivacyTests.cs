using ContentGrains.Core.Reports;

namespace ContentGrains.Core.Tests.Reports;

public sealed class PrivacyTests
{
    private const int Draws = 20_000;

    [Fact]
    public void Laplace_noise_has_the_variance_and_mean_absolute_deviation_of_its_scale()
    {
        var noise = NoiseSource.Seeded(7);
        var b = 2.0;
        var draws = Enumerable.Range(0, Draws).Select(_ => noise.Laplace(b)).ToArray();
        var mean = draws.Average();
        var variance = draws.Sum(x => (x - mean) * (x - mean)) / (Draws - 1);
        // Var = 2b² = 8; the sample variance's standard error is √((24b⁴ − 4b⁴)/n) ≈ 0.126: a band of ±5 standard errors.
        Assert.InRange(variance, 8 - 0.63, 8 + 0.63);
        Assert.InRange(mean, -5 * Math.Sqrt(8.0 / Draws), 5 * Math.Sqrt(8.0 / Draws));
        // E|X| = b for Laplace (for a normal of the same variance it would be 2.26): the shape, not only the spread.
        Assert.InRange(draws.Average(Math.Abs), b - 5 * b / Math.Sqrt(Draws), b + 5 * b / Math.Sqrt(Draws));
    }

    [Fact]
    public void Gaussian_noise_has_variance_sigma_squared()
    {
        var noise = NoiseSource.Seeded(11);
        var draws = Enumerable.Range(0, Draws).Select(_ => noise.Gaussian(3)).ToArray();
        var mean = draws.Average();
        var variance = draws.Sum(x => (x - mean) * (x - mean)) / (Draws - 1);
        Assert.InRange(variance, 9 - 5 * Math.Sqrt(2 * 81.0 / Draws), 9 + 5 * Math.Sqrt(2 * 81.0 / Draws));
    }

    [Fact]
    public void The_plan_states_each_measures_sensitivity_from_the_bounds_and_splits_epsilon()
    {
        var bounds = new ContributionBounds { MaxCellsPerPerson = 8, MaxImpressionsPerCell = 20, MaxClicksPerCell = 5, MaxDwellsPerCell = 5, MaxDwellSeconds = 600 };
        var plan = PrivacyPlan.For(1.0, PrivacyPlan.Laplace, 0, bounds);

        Assert.Equal(1.0, plan.Measures.Sum(m => m.Epsilon), 12);
        Assert.Equal(160, plan["impressions"].Sensitivity);       // 8 cells × 20
        Assert.Equal(40, plan["clicks"].Sensitivity);             // 8 × 5
        Assert.Equal(8 * 5 * 600, plan["dwellSum"].Sensitivity);
        Assert.Equal(1, plan["cohort1"].Sensitivity);
        Assert.Equal(160 / 0.2, plan["impressions"].Scale, 9);   // b = Δ/ε with ε = 0.2 of 1
        Assert.Equal(2 * 800.0 * 800.0, plan["impressions"].Variance, 6);

        var gaussian = PrivacyPlan.For(1.0, PrivacyPlan.Gaussian, 1e-6, bounds);
        Assert.Equal(Math.Sqrt(8) * 20, gaussian["impressions"].Sensitivity, 9); // L2: √K · c
        // Delta is split like epsilon: impressions get 0.2 of it, so the deltas add up to the plan's.
        Assert.Equal(Math.Sqrt(8) * 20 * Math.Sqrt(2 * Math.Log(1.25 / (0.2 * 1e-6))) / 0.2, gaussian["impressions"].Scale, 6);
        Assert.Equal(1e-6, gaussian.Measures.Sum(m => m.Delta), 15);
    }

    [Fact]
    public void A_released_cell_carries_noise_of_the_planned_scale()
    {
        var plan = PrivacyPlan.For(2.0, PrivacyPlan.Laplace, 0, new ContributionBounds());
        var noise = NoiseSource.Seeded(3);
        var truth = new CellTally { Cells = 1, Impressions = 10_000, Clicks = 400 };
        var released = Enumerable.Range(0, 5_000).Select(_ => CubeNoise.Noisy(truth, plan, noise).Clicks - 400).ToArray();
        var variance = released.Sum(x => x * x) / released.Length;
        var expected = plan["clicks"].Variance; // 2 (40 / 0.4)² = 20,000
        Assert.InRange(variance, expected * 0.88, expected * 1.12); // ±5 standard errors at n = 5,000 (SE ≈ 2.2 %)
    }

    [Fact]
    public void Noise_goes_on_every_cell_of_the_domain_including_empty_ones()
    {
        var cells = new Dictionary<CellKey, CellTally>
        {
            [new CellKey("a", "video", "web", 9, "1")] = new() { Cells = 1, Impressions = 100 },
            [new CellKey("b", "video", "app", 19, "2")] = new() { Cells = 1, Impressions = 100 },
        };
        var released = CubeNoise.Apply(cells, PrivacyPlan.For(1, PrivacyPlan.Laplace, 0, new ContributionBounds()), NoiseSource.Seeded(1), 1_000);
        Assert.Equal(2 * 1 * 2 * 2 * 2, released.Count); // topics × formats × channels × hours × segments
        Assert.All(released.Values, t => Assert.NotEqual(0.0, t.Impressions));
        var error = Assert.Throws<InvalidOperationException>(() => CubeNoise.Apply(cells, PrivacyPlan.For(1, PrivacyPlan.Laplace, 0, new ContributionBounds()), NoiseSource.Seeded(1), 10));
        Assert.Contains("exceed maxCells 10", error.Message);
    }

    [Fact]
    public void The_budget_refuses_a_report_past_it_and_names_the_field()
    {
        var budget = new PrivacyBudget(1.0, 1e-5, []);
        budget.Spend("r1", 0.6, 0, DateTimeOffset.UnixEpoch);
        Assert.Null(budget.Refusal(0.4, 0));
        var refusal = budget.Refusal(0.5, 0);
        Assert.Equal("epsilon", refusal?.Field);
        Assert.Contains("0.6 of 1 spent, 0.4 left", refusal?.Reason);
        Assert.Throws<InvalidOperationException>(() => budget.Spend("r2", 0.5, 0, DateTimeOffset.UnixEpoch));
        Assert.Equal("delta", budget.Refusal(0.1, 2e-5)?.Field);
        Assert.Single(budget.Ledger);
    }

    [Theory]
    [InlineData(0.0, "laplace", 0.0, "epsilon")]
    [InlineData(1.0, "exponential", 0.0, "mechanism")]
    [InlineData(1.0, "gaussian", 0.0, "delta")]
    [InlineData(6.0, "gaussian", 1e-6, "epsilon")]
    public void Bad_privacy_settings_name_the_field(double epsilon, string mechanism, double delta, string field) =>
        Assert.Equal(field, new ReportRequest { Epsilon = epsilon, Mechanism = mechanism, Delta = delta }.Problem()?.Field);
}
