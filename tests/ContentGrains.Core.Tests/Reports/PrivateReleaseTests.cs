using ContentGrains.Core.Events;
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

    /// <summary>The cube summed to each coarse table's axes (as if no one's events were clipped).</summary>
    private static Dictionary<string, IReadOnlyDictionary<CellKey, CellTally>> Coarse(Dictionary<CellKey, CellTally> cube) =>
        PrivateRelease.CoarseTables.ToDictionary(t => t.Name, t => (IReadOnlyDictionary<CellKey, CellTally>)cube
            .GroupBy(c => c.Key.Coarsen(t.Axes)).ToDictionary(g => g.Key, g => CellTally.Sum(g.Select(c => c.Value))));

    private static PrivateRelease Release(double epsilon, double impressions, string mechanism = PrivacyPlan.Laplace) =>
        PrivateRelease.Make(Cube(impressions), Coarse(Cube(impressions)), new Dictionary<string, long> { ["0"] = 100, ["1"] = 50 },
            new ReportRequest { Epsilon = epsilon, Mechanism = mechanism, Delta = 1e-6, Bounds = Bounds }, NoiseSource.Seeded(4), 50_000);

    [Fact]
    public void A_coarse_table_clips_each_person_at_its_own_cells()
    {
        // One person, 8 impressions in each of 3 topics × 2 hours = 6 fine cells; bound: 2 cells of at most 20 impressions.
        var bounds = new ContributionBounds { MaxCellsPerPerson = 2, MaxImpressionsPerCell = 20 };
        var labels = new ReportLabels { TopicOf = id => id[..1], FormatOf = _ => "video", SegmentOf = _ => "0" };
        var fine = new PerformanceCube(labels, bounds);
        var coarse = new PerformanceCube(labels, bounds, axes: ["channel", "hour", "segment"]);
        var at = DateTimeOffset.Parse("2026-11-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var n = 0;
        foreach (var topic in new[] { "a", "b", "c" })
            foreach (var hour in new[] { 9, 19 })
                for (var k = 0; k < 8; k++)
                {
                    var e = new Interaction($"e{n++}", "p", topic + "1", EventType.Impression, at.AddHours(hour), "web", 0, null, null);
                    fine.Add(e);
                    coarse.Add(e);
                }

        // The fine cube keeps 2 of its 6 cells (8 each: 16 of 48); the channel × hour table has only 2 cells (09:00 and
        // 19:00) holding 24 each, clipped to 20: it keeps 40 of 48 under the same bound.
        Assert.Equal(16, fine.Cells.Values.Sum(c => c.Impressions));
        Assert.Equal([20.0, 20.0], coarse.Cells.OrderBy(c => c.Key.Hour).Select(c => c.Value.Impressions));
        Assert.Equal(new CellKey(CellKey.All, CellKey.All, "web", 9, "0"), coarse.Cells.Keys.OrderBy(k => k.Hour).First());
        Assert.Equal(48 - 40, coarse.ClippedEvents);
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
        // The coarse tables share 1 − 0.02 − 0.08 = 0.9 of epsilon; topic × segment weighs 0.5 of that, and its impressions
        // get 0.3 of the table's: 0.135; L1 = 8 cells × 20 = 160, so b = 160 / 0.135.
        var impressions = release.Tables[0].Plan!["impressions"];
        Assert.Equal(0.9 * 0.5 * 0.3, impressions.Epsilon, 12);
        Assert.Equal(160 / (0.9 * 0.5 * 0.3), impressions.Scale, 6);
        Assert.Equal(0.9 * 0.2, release.Tables[2].Plan!.Epsilon, 12);
        Assert.Contains("coarse tables only", release.Reason);
        Assert.Equal(2 * 2, release.Tables[0].Cells.Count); // topics × segments, every cell noised once
    }

    [Fact]
    public void Enough_traffic_per_cell_releases_the_cube_too()
    {
        // ε = 100: the cube's impressions get 45 × 0.3 = 13.5, b = 11.9, noise ±16.8; 100,000 per cell is far above twice that.
        var release = Release(100, 100_000);

        Assert.True(release.CubeReleased);
        Assert.Equal(ReleasedTable.Cube, release.Tables[0].Name);
        Assert.Equal(16, release.Tables[0].Cells.Count);
        Assert.Equal(100 * 0.45 * 0.3, release.Tables[0].Plan!["impressions"].Epsilon, 9);
        Assert.Equal((1 - 0.02 - 0.08 - 0.45) * 0.5 * 100 * 0.3, release.Tables[1].Plan!["impressions"].Epsilon, 9);
    }

    [Fact]
    public void Every_released_table_has_the_cubes_sensitivities_because_each_is_clipped_at_its_own_cells()
    {
        var gaussian = PrivacyPlan.ForCells(1, PrivacyPlan.Gaussian, 1e-6, Bounds);
        var laplace = PrivacyPlan.ForCells(1, PrivacyPlan.Laplace, 0, Bounds);

        Assert.Equal(Math.Sqrt(8) * 20, gaussian["impressions"].Sensitivity, 9);  // L2: √K · c
        Assert.Equal(8 * 20, laplace["impressions"].Sensitivity, 9);              // L1: K · c
        Assert.Equal(1.0, laplace.Measures.Sum(m => m.Epsilon), 12);
        Assert.Equal(1e-6, gaussian.Measures.Sum(m => m.Delta), 15);
    }
}
