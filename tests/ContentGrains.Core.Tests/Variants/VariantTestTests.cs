using ContentGrains.Core.Events;
using ContentGrains.Core.Variants;

namespace ContentGrains.Core.Tests.Variants;

/// <summary>The item's headline test: counting, the winner rule, stopping, redefining.</summary>
public class VariantTestTests
{
    private static readonly HeadlineVariant A = new("a", "Plain headline", null, null);
    private static readonly HeadlineVariant B = new("b", "Punchy headline", "https://img.example/b.jpg", null);
    private static readonly VariantSettings Settings = new() { MinImpressionsPerVariant = 1_000, CheckEveryImpressions = 1 };
    private readonly VariantTest test = new();

    public VariantTestTests() => test.Define([A, B]);

    private void Record(string variant, int impressions, int clicks)
    {
        for (var i = 0; i < impressions; i++) test.Apply(Given.Event(EventType.Impression) with { Variant = variant });
        for (var i = 0; i < clicks; i++) test.Apply(Given.Event(EventType.Click) with { Variant = variant });
    }

    [Fact]
    public void Counts_impressions_and_clicks_that_name_a_variant_and_nothing_else()
    {
        Assert.True(test.Apply(Given.Event(EventType.Impression) with { Variant = "a" }));
        Assert.True(test.Apply(Given.Event(EventType.Click) with { Variant = "a" }));
        Assert.False(test.Apply(Given.Event(EventType.Like) with { Variant = "a" }));
        Assert.False(test.Apply(Given.Event(EventType.Click)));
        Assert.False(test.Apply(Given.Event(EventType.Click) with { Variant = "zzz" }));

        Assert.Equal([(1L, 1L), (0L, 0L)], test.Counts.Select(c => (c.Impressions, c.Clicks)));
    }

    [Fact]
    public void A_clear_winner_is_declared_once_every_variant_has_its_minimum_impressions()
    {
        Record("a", 999, 50);
        Record("b", 1_000, 100);
        Assert.False(test.CheckWinner("item-1", Settings, Given.T0)); // a has 999 < 1,000

        Record("a", 1, 0);
        Assert.True(test.CheckWinner("item-1", Settings, Given.T0));
        Assert.Equal((VariantTestState.WinnerDeclared, "b", Given.T0), (test.State, test.Served, test.DecidedAt));
    }

    [Fact]
    public void A_close_race_declares_nothing()
    {
        Record("a", 1_000, 50);
        Record("b", 1_000, 53);

        Assert.False(test.CheckWinner("item-1", Settings, Given.T0));
        Assert.Equal(VariantTestState.Running, test.State);
    }

    [Fact]
    public void The_optional_expected_loss_threshold_holds_a_winner_back()
    {
        Record("a", 1_000, 50);
        Record("b", 1_000, 75);

        // P(b best) is about 0.99; b's expected loss E[(CTR_a − CTR_b)+] is about 3.5e-5 (normal approximation:
        // difference −0.025 ± 0.0107): above 1e-6, below 1e-3.
        Assert.False(test.CheckWinner("item-1", Settings with { MaxExpectedLoss = 1e-6 }, Given.T0));
        Record("a", 1, 0); // the rule runs again only once new impressions arrived
        Assert.True(test.CheckWinner("item-1", Settings with { MaxExpectedLoss = 0.001 }, Given.T0));
    }

    [Fact]
    public void The_report_carries_the_posteriors_worked_out_by_hand()
    {
        Record("a", 10, 3);

        var report = test.Report("item-1", [A, B], Settings);

        var a = report.Variants[0];
        Assert.Equal((10L, 3L), (a.Impressions, a.Clicks));
        Assert.Equal(4.0 / 12, a.Mean, 12); // Beta(4, 8)
        Assert.Equal(new BetaPosterior(4, 8).Interval(), (a.Low, a.High));
        Assert.Equal(0.5, report.Variants[1].Mean, 12); // Beta(1, 1)
        Assert.Equal(1, report.Variants.Sum(v => v.ProbabilityBest), 9);
        Assert.True(a.ProbabilityBest < 0.5, "a's mean is 1/3, below b's 1/2");
    }

    [Fact]
    public void Stop_serves_the_pinned_variant_or_the_leader_and_refuses_an_unknown_one()
    {
        Record("a", 100, 30);
        Record("b", 100, 5);

        Assert.Null(test.Stop("item-1", "zzz", Settings, Given.T0));
        Assert.Equal(VariantTestState.Running, test.State);
        Assert.Equal("a", test.Stop("item-1", null, Settings, Given.T0));
        Assert.Equal("b", test.Stop("item-1", "b", Settings, Given.T0));
        Assert.Equal((VariantTestState.Stopped, "b"), (test.State, test.Served));
    }

    [Fact]
    public void Redefining_keeps_the_counts_of_variants_that_stay_and_reopens_a_test_whose_served_variant_left()
    {
        Record("a", 20, 2);
        test.Stop("item-1", "b", Settings, Given.T0);

        test.Define([A, new HeadlineVariant("c", "Third", null, null)]);

        Assert.Equal([("a", 20L), ("c", 0L)], test.Counts.Select(c => (c.Id, c.Impressions)));
        Assert.Equal((VariantTestState.Running, (string?)null), (test.State, test.Served));
    }

    [Fact]
    public void The_feed_copy_serves_the_decided_variant_only()
    {
        var copy = new VariantPosteriors("item-1", [A, B], [new(1, 1), new(1, 1)], Served: "b");
        var random = new Core.Simulation.SimRandom(1);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal("b", copy.Pick(0.5, random).Id));
    }
}
