using ContentGrains.Core.Reports;

namespace ContentGrains.Core.Tests.Reports;

/// <summary>What a private report releases: coarse tables summed from the clipped cube, the full cube only where the counts support it, and a budget whose shares add up.</summary>
public sealed class PrivateReleaseTests
{
    private static readonly ContributionBounds Bounds = new() { MaxCellsPerPerson = 8, MaxImpressionsPerCell = 20, MaxClicksPerCell = 5, MaxDwellsPerCell = 5, MaxDwellSeconds = 600 };

    /// <summary>2 topics × 1 format × 2 channels × 2 hours × 2 segments = 16 cells, each with the given impressions and a tenth as clicks.</summary>
    private static Dictionary<CellKey, CellTally> Cube(double impressions) =>
        (from t in new[] { "music", "pets" } from c in new[] { "web", "app" } from h in new[] { 9, 19 } from s in new[] { "0", "1" } select new CellKey(t, "video", c, h, s))
        .ToDictionary(k => k, _ => new CellTally { Cells = 1, Impressions = impressions, Clicks = impressions / 10 });

    private static PrivateRelease Release(double epsilon, double impressions, string mechanism = PrivacyPlan.Laplace) =>
        PrivateRelease.Make(Cube(impressions), new Dictionary<string, long> { ["0"] = 100, ["1"] = 50 },
            new ReportRequest { Epsilon = epsilon, Mechanism = mechanism, Delta = 1e-6, Bounds = Bounds }, NoiseSource.Seeded(4), 50_000);

    [Fact]
    public void A_coarse_table_sums_the_cells_over_the_axes_it_drops()
    {
        var coarse = ReleasedTable.Aggregate(Cube(30), ["channel", "hour", "segment"]);

        Assert.Equal(2 * 2 * 2, coarse.Count);
        var cell = coarse[new CellKey(CellKey.All, CellKey.All, "web", 19, "1")];
        Assert.Equal((2.0, 60.0, 6.0), (cell.Cells, cell.Impressions, cell.Clicks)); // the two topics' cells
        Assert.Equal(CellKey.All, new CellKey("a", "b", "c", 3, "d").Coarsen(["topic"]).Value("hour"));
    }

    [Theory]
    [InlineData(1.0, 30.0)]
    [InlineData(10.0, 30.0)]
    [InlineData(100.0, 100_000.0)]
    public void The_shares_of_every_released_measure_add_up_to_epsilon(double epsilon, double impressions)
    {
        var release = Release(epsilon, impressions);

        Assert.Equal(epsilon, release.Measures.Sum(m => m.Epsilon), 9);
        Assert.Equal(release.Tables.Count * 9 + 2, release.Measures.Count);
        var gaussian = Release(Math.Min(epsilon, 4), impressions, PrivacyPlan.Gaussian);
        Assert.Equal(Math.Min(epsilon, 4), gaussian.Measures.Sum(m => m.Epsilon), 9);
        Assert.Equal(1e-6, gaussian.Measures.Sum(m => m.Delta), 15);
    }

    [Fact]
    public void A_small_budget_releases_only_the_coarse_tables_with_the_cubes_share_spread_over_them()
    {
        var release = Release(1, 30);

        Assert.False(release.CubeReleased);
        Assert.Equal(["topic×segment", "channel×hour×segment", "format×segment"], release.Tables.Select(t => t.Name));
        // Each coarse table gets (1 − 0.02 − 0.08) / 3 = 0.3 of epsilon; impressions 0.2 / 0.9 of that; L1 = 8 × 20 = 160.
        var impressions = release.Tables[0].Plan!["impressions"];
        Assert.Equal(0.3 * 0.2 / 0.9, impressions.Epsilon, 12);
        Assert.Equal(160 / (0.3 * 0.2 / 0.9), impressions.Scale, 6);
        Assert.Contains("coarse tables only", release.Reason);
        Assert.Equal(2 * 2, release.Tables[0].Cells.Count); // topics × segments, every cell noised once
    }

    [Fact]
    public void Enough_traffic_per_cell_releases_the_cube_too()
    {
        // ε = 100: the cube's impressions get 45 × 0.2 / 0.9 = 10, b = 16, noise ±22.6; 100,000 per cell is far above twice that.
        var release = Release(100, 100_000);

        Assert.True(release.CubeReleased);
        Assert.Equal(ReleasedTable.Cube, release.Tables[0].Name);
        Assert.Equal(16, release.Tables[0].Cells.Count);
        Assert.Equal(100 * 0.45 * 0.2 / 0.9, release.Tables[0].Plan!["impressions"].Epsilon, 9);
        Assert.Equal((1 - 0.02 - 0.08 - 0.45) / 3 * 100 * 0.2 / 0.9, release.Tables[1].Plan!["impressions"].Epsilon, 9);
    }

    [Fact]
    public void A_coarse_tables_gaussian_sensitivity_is_k_times_c_because_a_persons_cells_may_meet_in_one()
    {
        var fine = PrivacyPlan.ForCells(1, PrivacyPlan.Gaussian, 1e-6, Bounds, concentrated: false);
        var coarse = PrivacyPlan.ForCells(1, PrivacyPlan.Gaussian, 1e-6, Bounds, concentrated: true);
        var laplace = PrivacyPlan.ForCells(1, PrivacyPlan.Laplace, 0, Bounds, concentrated: true);

        Assert.Equal(Math.Sqrt(8) * 20, fine["impressions"].Sensitivity, 9);
        Assert.Equal(8 * 20, coarse["impressions"].Sensitivity, 9);
        Assert.Equal(8 * 20, laplace["impressions"].Sensitivity, 9);
        Assert.Equal(1.0, laplace.Measures.Sum(m => m.Epsilon), 12);
    }
}
