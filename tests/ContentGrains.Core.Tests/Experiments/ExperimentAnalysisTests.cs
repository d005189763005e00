using ContentGrains.Core.Experiments;

namespace ContentGrains.Core.Tests.Experiments;

public sealed class ExperimentAnalysisTests
{
    private static ExperimentDesign Design(DecisionTest test = DecisionTest.Sequential, long horizon = 10_000) => new()
    {
        Salt = "s",
        Arms = [new("control", 1), new("variant", 1)],
        Metrics = [new("clicks"), new("errors", HigherIsBetter: false, Guardrail: true)],
        Test = test,
        HorizonPersons = horizon,
    };

    /// <summary>n persons in an arm with clicks i % 5 (mean 2) plus <paramref name="extra"/> on every other person, and errors.</summary>
    private static IEnumerable<Participant> Arm(string arm, int n, double extra = 0, double errors = 0, Func<int, double?>? pre = null) =>
        Enumerable.Range(0, n).Select(i => new Participant
        {
            Arm = arm,
            Exposures = 1,
            PreExposure = pre?.Invoke(i),
            Totals = new() { ["clicks"] = i % 5 + (i % 2 == 0 ? extra : 0), ["errors"] = i % 10 == 0 ? 1 + errors : 0 },
        });

    [Fact]
    public void A_clear_lift_ships_the_variant_with_intervals_per_arm()
    {
        var report = new ExperimentAnalysis(Design()).Analyze(Arm("control", 2000).Concat(Arm("variant", 2000, extra: 1)).ToList());

        Assert.Equal(Verdict.Ship, report.Decision.Verdict);
        Assert.Equal("variant", report.Decision.Arm);
        var clicks = report.Comparisons.Single(c => c.Metric == "clicks");
        Assert.Equal(0.5, clicks.Sequential.Estimate, 10);
        Assert.Equal(0.25, clicks.RelativeLift!.Value, 10);
        Assert.True(clicks.Sequential.Low > 0);
        // The always-valid interval contains the fixed one.
        Assert.True(clicks.Sequential.Low < clicks.Fixed.Low && clicks.Sequential.High > clicks.Fixed.High);
        var control = report.Arms[0].Metrics.Single(m => m.Metric == "clicks").Value;
        Assert.Equal(2.0, control.Estimate, 10);
        Assert.True(control.Low < 2 && control.High > 2);
        Assert.Equal((0.5, 0.5), (report.Arms[1].PlannedShare, report.Arms[1].ObservedShare));
    }

    [Fact]
    public void Equal_arms_keep_running_until_the_horizon_then_stop()
    {
        var participants = Arm("control", 2000).Concat(Arm("variant", 2000)).ToList();
        Assert.Equal(Verdict.KeepRunning, new ExperimentAnalysis(Design()).Analyze(participants).Decision.Verdict);
        var atHorizon = new ExperimentAnalysis(Design(horizon: 4000)).Analyze(participants).Decision;
        Assert.Equal((Verdict.Stop, "control"), (atHorizon.Verdict, atHorizon.Arm));
        Assert.Contains("horizon", atHorizon.Reason);
    }

    [Fact]
    public void A_guardrail_that_gets_significantly_worse_stops_the_test()
    {
        // Every tenth variant person has 4 errors instead of 1, and the variant also wins on clicks: the guardrail comes first.
        var report = new ExperimentAnalysis(Design()).Analyze(Arm("control", 2000).Concat(Arm("variant", 2000, extra: 1, errors: 3)).ToList());
        Assert.Equal(Verdict.Stop, report.Decision.Verdict);
        Assert.Contains("guardrail errors", report.Decision.Reason);
    }

    [Fact]
    public void A_sample_ratio_mismatch_stops_the_test_whatever_the_metrics_say()
    {
        var report = new ExperimentAnalysis(Design()).Analyze(Arm("control", 2000).Concat(Arm("variant", 1700, extra: 1)).ToList());
        Assert.True(report.SampleRatio.Mismatch);
        Assert.Equal(Verdict.Stop, report.Decision.Verdict);
        Assert.Contains("sample ratio mismatch", report.Decision.Reason);
    }

    [Fact]
    public void The_fixed_horizon_test_does_not_decide_before_its_horizon()
    {
        var participants = Arm("control", 2000).Concat(Arm("variant", 2000, extra: 1)).ToList();
        var early = new ExperimentAnalysis(Design(DecisionTest.FixedHorizon)).Analyze(participants).Decision;
        Assert.Equal(Verdict.KeepRunning, early.Verdict);
        var atHorizon = new ExperimentAnalysis(Design(DecisionTest.FixedHorizon, horizon: 4000)).Analyze(participants).Decision;
        Assert.Equal((Verdict.Ship, "variant"), (atHorizon.Verdict, atHorizon.Arm));
    }

    [Fact]
    public void Too_few_persons_per_arm_keeps_running()
    {
        var report = new ExperimentAnalysis(Design()).Analyze(Arm("control", 50).Concat(Arm("variant", 50, extra: 3)).ToList());
        Assert.Equal(Verdict.KeepRunning, report.Decision.Verdict);
        Assert.Contains("at least 100 persons", report.Decision.Reason);
    }

    [Fact]
    public void Cuped_narrows_the_interval_when_pre_exposure_values_predict_the_metric()
    {
        // The pre-exposure value is each person's click pattern i % 5: it explains most of the variance.
        var participants = Arm("control", 2000, pre: i => i % 5).Concat(Arm("variant", 2000, extra: 0.2, pre: i => i % 5)).ToList();
        var report = new ExperimentAnalysis(Design()).Analyze(participants);
        var clicks = report.Comparisons.Single(c => c.Metric == "clicks");

        Assert.True(report.CupedApplied);
        Assert.InRange(clicks.CupedTheta, 0.99, 1.01);
        Assert.True(clicks.VarianceReduction > 0.8);
        Assert.Equal(clicks.Fixed.Estimate, clicks.CupedFixed.Estimate, 10); // same effect, same pre mean in both arms
        Assert.True(clicks.CupedSequential.High - clicks.CupedSequential.Low < 0.5 * (clicks.Sequential.High - clicks.Sequential.Low));
        // The raw sequential interval cannot see a 0.1 lift; after CUPED it can.
        Assert.False(clicks.Sequential.Significant);
        Assert.Equal(Verdict.Ship, report.Decision.Verdict);
    }
}
