using ContentGrains.Core.Experiments;
using ContentGrains.Core.Feed;

namespace ContentGrains.Core.Tests.Experiments;

public sealed class AssignmentTests
{
    private static readonly ArmDefinition[] TwoArms = [new("control", 1), new("variant", 1)];

    [Fact]
    public void The_same_person_always_gets_the_same_arm()
    {
        var first = new ArmAssigner("exp-salt", TwoArms);
        var second = new ArmAssigner("exp-salt", TwoArms);
        for (var i = 0; i < 1000; i++) Assert.Equal(first.Assign($"user{i}"), second.Assign($"user{i}"));
        // Fixed by SHA-256, not by the process: this value holds on every machine.
        Assert.Equal(ArmAssigner.Bucket("exp-salt", "user1"), ArmAssigner.Bucket("exp-salt", "user1"));
        Assert.InRange(ArmAssigner.Bucket("exp-salt", "user1"), 0, 1);
    }

    [Fact]
    public void Assignment_is_balanced_and_passes_the_sample_ratio_check()
    {
        var assigner = new ArmAssigner("balance", TwoArms);
        var variant = Enumerable.Range(0, 100_000).Count(i => assigner.Assign($"user{i}") == "variant");
        Assert.InRange(variant, 49_500, 50_500); // ±3.2 standard deviations
        Assert.False(SampleRatioTest.Check([100_000 - variant, variant], [1, 1], 0.001).Mismatch);
    }

    [Fact]
    public void Weights_set_the_shares()
    {
        var assigner = new ArmAssigner("weights", [new("a", 1), new("b", 2), new("c", 1)]);
        var counts = Enumerable.Range(0, 80_000).GroupBy(i => assigner.Assign($"p{i}")).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(counts["a"], 19_500, 20_500);
        Assert.InRange(counts["b"], 39_400, 40_600);
        Assert.InRange(counts["c"], 19_500, 20_500);
    }

    [Fact]
    public void Another_salt_reshuffles_people_independently()
    {
        var one = new ArmAssigner("salt-1", TwoArms);
        var two = new ArmAssigner("salt-2", TwoArms);
        var same = Enumerable.Range(0, 20_000).Count(i => one.Assign($"user{i}") == two.Assign($"user{i}"));
        Assert.InRange(same, 9_700, 10_300); // independent: half agree
    }

    [Fact]
    public void The_ledger_logs_exposures_keeps_the_first_pre_value_and_ignores_outcomes_before_exposure()
    {
        var ledger = new ExperimentLedger();
        var assigner = new ArmAssigner("ledger", TwoArms);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.False(ledger.Record("ann", "clicks", 1));
        var first = ledger.Expose(assigner, "ann", at, preExposure: 4);
        var again = ledger.Expose(assigner, "ann", at.AddHours(1), preExposure: 9);
        Assert.True(ledger.Record("ann", "clicks", 2));
        Assert.True(ledger.Record("ann", "clicks", 1.5));

        Assert.Same(first, again);
        Assert.Equal((assigner.Assign("ann"), 2L, 4.0, at, 3.5), (again.Arm, again.Exposures, again.PreExposure!.Value, again.FirstExposure, again.Total("clicks")));
    }

    [Fact]
    public void A_feed_variant_replaces_only_the_values_it_sets()
    {
        var engine = new FeedSettings();
        var variant = new FeedVariant { PopularityWeight = 2, ExplorationSlots = 0 }.ApplyTo(engine);
        Assert.Equal((2.0, 2.0, 0), (variant.PopularityWeight, variant.PopularityWeightWithoutModel, variant.ExplorationSlots));
        Assert.Equal((engine.ModelWeight, engine.InterestWeight, engine.DiversityWeight), (variant.ModelWeight, variant.InterestWeight, variant.DiversityWeight));
        Assert.Equal("diversityWeight must be in [0, 1]", new FeedVariant { DiversityWeight = 2 }.Problem());
    }

    [Fact]
    public void A_bad_design_names_each_field_and_reason()
    {
        var design = new ExperimentDesign
        {
            Salt = "",
            Arms = [new("control", 1), new("control", -1)],
            Metrics = [new("clicks", Guardrail: true)],
            Alpha = 0.7,
        };
        var fields = design.Problems().Select(p => p.Field).ToList();
        Assert.Equal(["salt", "arms[1].weight", "arms", "metrics", "alpha"], fields);
    }
}
