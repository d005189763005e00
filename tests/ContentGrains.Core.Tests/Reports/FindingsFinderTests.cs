using ContentGrains.Core.Reports;

namespace ContentGrains.Core.Tests.Reports;

public sealed class FindingsFinderTests
{
    private static CellTally Ctr(double impressions, double clicks) => new() { Cells = 1, Impressions = impressions, Clicks = clicks };

    [Fact]
    public void A_group_whose_interval_clears_the_rest_is_a_finding_with_its_evidence()
    {
        // Segment 3: short videos on app-push at 19:00 at 4.1 % against 2.2 % elsewhere, on 10,000 impressions each.
        var cells = new Dictionary<CellKey, CellTally>
        {
            [new CellKey("news", "short-video", "app-push", 19, "3")] = Ctr(10_000, 410),
            [new CellKey("news", "article", "web", 8, "3")] = Ctr(10_000, 220),
        };
        var (findings, method) = new FindingsFinder().Find(cells);

        var triple = Assert.Single(findings, f => f.Where.Count == 3 && f.Direction == "wins" && f.Segment == "3");
        Assert.Equal(0.041, triple.Group.Value, 9);
        Assert.Equal(0.022, triple.Rest.Value, 9);
        Assert.Equal(10_000, triple.Group.Count);
        Assert.True(triple.Group.Low > triple.Rest.High);
        Assert.StartsWith("format 'short-video' on app-push at 19:00 wins for segment 3: CTR 4.1 % ± ", triple.Text);
        Assert.Contains("against CTR 2.2 % ± ", triple.Text);
        Assert.Equal(1 - 0.05 / method.Comparisons, triple.Confidence, 12);
        // For segment 3 and for everyone: by format, channel, hour, the triple and topic × channel, two groups each
        // (topic alone has one value, so it is no comparison; no dwell values) = 2 × 5 × 2.
        Assert.Equal(20, method.Comparisons);
    }

    [Fact]
    public void Overlapping_intervals_give_no_finding()
    {
        var cells = new Dictionary<CellKey, CellTally>
        {
            [new CellKey("news", "video", "app", 19, "1")] = Ctr(1_000, 41),
            [new CellKey("news", "video", "web", 19, "1")] = Ctr(1_000, 30),
        };
        var (findings, method) = new FindingsFinder().Find(cells);
        Assert.Empty(findings);
        Assert.True(method.Comparisons > 0);
    }

    [Fact]
    public void Groups_below_the_minimum_traffic_are_not_compared()
    {
        var cells = new Dictionary<CellKey, CellTally>
        {
            [new CellKey("news", "video", "app", 19, "1")] = Ctr(150, 150),
            [new CellKey("news", "video", "web", 19, "1")] = Ctr(10_000, 10),
        };
        var (findings, method) = new FindingsFinder(minImpressions: 200).Find(cells);
        Assert.Empty(findings);
        Assert.Equal(0, method.Comparisons);
    }

    [Fact]
    public void Noise_widens_the_intervals_so_a_private_report_drops_a_finding_its_noise_could_fake()
    {
        var cells = new Dictionary<CellKey, CellTally>
        {
            [new CellKey("news", "video", "app", 19, "1")] = Ctr(10_000, 410),
            [new CellKey("news", "video", "web", 19, "1")] = Ctr(10_000, 220),
        };
        Assert.NotEmpty(new FindingsFinder().Find(cells).Findings);
        var noisy = PrivacyPlan.For(0.1, PrivacyPlan.Laplace, 0, new ContributionBounds()); // click noise b = 40 / 0.02 = 2,000 per cell
        Assert.Empty(new FindingsFinder(privacy: noisy).Find(cells).Findings);
    }
}
