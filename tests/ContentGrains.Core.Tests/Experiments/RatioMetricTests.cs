using ContentGrains.Core.Events;
using ContentGrains.Core.Experiments;

namespace ContentGrains.Core.Tests.Experiments;

/// <summary>
/// Ratio metrics (CTR = Σ clicks / Σ impressions per arm) with the delta-method variance: a hand-computed case, a bootstrap
/// on generated data, the false-positive rate of A/A tests, a planted CTR lift, CUPED on the linearised values, and the
/// definition's validation.
/// </summary>
public sealed class RatioMetricTests
{
    private static readonly RatioMetric Ctr = new(new EventMetric([EventType.Click]), new EventMetric([EventType.Impression]));

    private static ExperimentDesign Design(string salt = "ctr") => new()
    {
        Salt = salt,
        Arms = [new("A", 1), new("B", 1)],
        Metrics = [new("ctr", MetricKind.Ratio, Ratio: Ctr)],
        MinPersonsPerArm = 100,
        HorizonPersons = 100_000,
    };

    /// <summary>
    /// A person with a CTR of their own (uniform in [0.02, 0.30]) and a geometric number of impressions (mean 8, or their
    /// own activity level): impressions of one person are correlated.
    /// </summary>
    private static (double Clicks, double Impressions) Person(Random random, double lift = 0, double? ownRate = null, double meanImpressions = 8)
    {
        var rate = (ownRate ?? 0.02 + 0.28 * random.NextDouble()) * (1 + lift);
        var impressions = 1;
        while (random.NextDouble() < 1 - 1 / meanImpressions) impressions++;
        var clicks = 0;
        for (var k = 0; k < impressions; k++) if (random.NextDouble() < rate) clicks++;
        return (clicks, impressions);
    }

    private static Participant Participant(string arm, (double Clicks, double Impressions) person, (double Clicks, double Impressions)? pre = null) => new()
    {
        Arm = arm, Exposures = 1,
        Totals = new() { ["ctr"] = person.Clicks, [RatioMetric.DenominatorKey("ctr")] = person.Impressions },
        PreExposure = pre?.Clicks, PreExposureDenominator = pre?.Impressions,
    };

    [Fact]
    public void The_delta_method_variance_matches_a_hand_computed_case()
    {
        // (clicks, impressions): (1, 2), (0, 3), (2, 2), (1, 1). Ȳ = 1, X̄ = 2, R = 0.5; s²_Y = 2/3, s²_X = 2/3, s_XY = −1/3.
        // Var(R) = (1/4)(s²_Y/X̄² − 2Ȳ s_XY/X̄³ + Ȳ² s²_X/X̄⁴) = (1/4)(1/6 + 1/12 + 1/24) = 7/96.
        var estimate = DeltaMethod.Of([1, 0, 2, 1], [2, 3, 2, 1]);
        Assert.Equal(0.5, estimate.Ratio, 12);
        Assert.Equal(7.0 / 96, estimate.Variance, 12);
        Assert.Equal([0, -0.75, 0.5, 0.25], estimate.Linearised); // (Y − R X) / X̄
        Assert.True(double.IsPositiveInfinity(DeltaMethod.Of([1, 2], [0, 0]).Variance)); // no impressions: no estimate
    }

    [Fact]
    public void The_delta_method_variance_agrees_with_a_bootstrap_and_the_binomial_variance_does_not()
    {
        var random = new Random(11);
        var people = Enumerable.Range(0, 2_000).Select(_ => Person(random)).ToArray();
        var clicks = people.Select(p => p.Clicks).ToArray();
        var impressions = people.Select(p => p.Impressions).ToArray();
        var delta = DeltaMethod.Of(clicks, impressions);

        // Resampling persons (the randomisation unit) with replacement: the spread of R over 2,000 resamples.
        const int resamples = 2_000;
        var ratios = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            double y = 0, x = 0;
            for (var i = 0; i < people.Length; i++)
            {
                var j = random.Next(people.Length);
                (y, x) = (y + clicks[j], x + impressions[j]);
            }
            ratios[b] = y / x;
        }
        var bootstrap = SampleMoments.Of(ratios).Variance;
        // A bootstrap variance from B resamples has a relative standard error of about √(2 / (B − 1)) = 3.2%; the delta
        // method's own error is O(1/n) relative. 12% allows 3.5 of those standard errors and the small-sample bias.
        Assert.InRange(delta.Variance / bootstrap, 0.88, 1.12);
        // Treating impressions as independent (p(1 − p) / Σ impressions) understates the variance: a person's impressions share their rate.
        var binomial = DeltaMethod.BinomialVariance(clicks.Sum(), impressions.Sum());
        Assert.True(binomial < 0.8 * bootstrap, $"binomial {binomial:G4} vs bootstrap {bootstrap:G4}");
    }

    [Fact]
    public void Aa_tests_on_a_ratio_metric_keep_the_false_positive_rate_near_alpha()
    {
        var random = new Random(5);
        var design = Design();
        const int tests = 400;
        int fixedPositives = 0, sequentialPositives = 0, binomialPositives = 0;
        for (var t = 0; t < tests; t++)
        {
            var people = Enumerable.Range(0, 600).Select(i => Participant(i % 2 == 0 ? "A" : "B", Person(random))).ToList();
            var comparison = new ExperimentAnalysis(design).Analyze(people).Comparisons.Single();
            if (comparison.Fixed.Significant) fixedPositives++;
            if (comparison.Sequential.Significant) sequentialPositives++;
            if (BinomialTestRejects(people)) binomialPositives++;
        }
        // 400 A/A tests at α = 0.05: the count is Binomial(400, 0.05), sd 4.4; [8, 34] is about ±3 sd.
        Assert.InRange(fixedPositives, 8, 34);
        Assert.InRange(sequentialPositives, 0, 20); // always-valid: conservative at a single look
        Assert.True(binomialPositives > fixedPositives, $"binomial {binomialPositives} vs delta {fixedPositives}"); // the naive test over-rejects
    }

    /// <summary>The naive two-proportion z-test on impressions (what the delta method replaces).</summary>
    private static bool BinomialTestRejects(IReadOnlyList<Participant> people)
    {
        (double Rate, double N) Arm(string arm)
        {
            var clicks = people.Where(p => p.Arm == arm).Sum(p => p.Total("ctr"));
            var impressions = people.Where(p => p.Arm == arm).Sum(p => p.Total(RatioMetric.DenominatorKey("ctr")));
            return (clicks / impressions, impressions);
        }
        var (a, b) = (Arm("A"), Arm("B"));
        var se = Math.Sqrt(DeltaMethod.BinomialVariance(a.Rate * a.N, a.N) + DeltaMethod.BinomialVariance(b.Rate * b.N, b.N));
        return Math.Abs(b.Rate - a.Rate) / se > 1.959964;
    }

    [Fact]
    public void A_planted_ctr_lift_is_found_and_shipped()
    {
        var random = new Random(3);
        var people = Enumerable.Range(0, 8_000).Select(i => i % 2 == 0 ? Participant("A", Person(random)) : Participant("B", Person(random, lift: 0.15))).ToList();
        var report = new ExperimentAnalysis(Design()).Analyze(people);
        Assert.Equal((Verdict.Ship, "B"), (report.Decision.Verdict, report.Decision.Arm));
        var ctr = report.Comparisons.Single();
        Assert.InRange(ctr.RelativeLift!.Value, 0.08, 0.22); // planted 0.15
        Assert.InRange(ctr.ControlMean, 0.14, 0.18); // Σ clicks / Σ impressions in A: the mean rate, 0.16
        Assert.True(ctr.Fixed.Low > 0 && ctr.Sequential.Low > 0);
        Assert.True(ctr.Sequential.High - ctr.Sequential.Low > ctr.Fixed.High - ctr.Fixed.Low); // the price of peeking at will
        var arm = report.Arms[0].Metrics.Single();
        Assert.Equal(ctr.ControlMean, arm.Value.Estimate, 12);
    }

    [Fact]
    public void Cuped_on_the_linearised_ratio_cuts_the_variance_when_the_pre_period_predicts_it()
    {
        var random = new Random(9);
        var people = new List<Participant>();
        for (var i = 0; i < 4_000; i++)
        {
            // The person's own rate and activity level (2 to 30 impressions on average), the same before and after exposure.
            var (rate, activity) = (0.02 + 0.28 * random.NextDouble(), 2 + 28 * random.NextDouble());
            var arm = i % 2 == 0 ? "A" : "B";
            people.Add(Participant(arm, Person(random, ownRate: rate, meanImpressions: activity), pre: Person(random, ownRate: rate, meanImpressions: activity)));
        }
        var report = new ExperimentAnalysis(Design()).Analyze(people);
        var ctr = report.Comparisons.Single();
        Assert.True(report.CupedApplied);
        Assert.InRange(ctr.VarianceReduction, 0.1, 0.9);
        Assert.True(ctr.CupedFixed.StandardError < ctr.Fixed.StandardError);
        // A/A: both estimates stay near 0, within a few of their standard errors of each other.
        Assert.InRange(ctr.CupedFixed.Estimate - ctr.Fixed.Estimate, -3 * ctr.Fixed.StandardError, 3 * ctr.Fixed.StandardError);
        Assert.True(ctr.CupedFixed.Low < 0 && ctr.CupedFixed.High > 0);
    }

    [Fact]
    public void A_bad_ratio_definition_names_the_field()
    {
        ExperimentDesign With(MetricDefinition metric) => Design() with { Metrics = [metric] };
        Assert.Contains(("metrics[0].ratio.denominator", "is required (an event metric: types, minDwellSeconds, value)"),
            With(new("ctr", MetricKind.Ratio, Ratio: new RatioMetric(new EventMetric([EventType.Click]), null!))).Problems());
        Assert.Contains(("metrics[0].ratio.numerator.types", "must list at least one event type (or set minDwellSeconds)"),
            With(new("ctr", MetricKind.Ratio, Ratio: new RatioMetric(new EventMetric([]), new EventMetric([EventType.Impression])))).Problems());
        Assert.Contains(("metrics[0].kind", "must be 'ratio' (or left out) for a metric with a ratio"), With(new("ctr", MetricKind.Proportion, Ratio: Ctr)).Problems());
        Assert.Contains(("metrics[0].ratio", "is required when the kind is 'ratio' ({numerator: events, denominator: events})"), With(new("ctr", MetricKind.Ratio)).Problems());
        Assert.Contains(("metrics[0].ratio", "a metric is either measured from events or a ratio of two event sums, not both"),
            With(new("ctr", MetricKind.Ratio, Events: new EventMetric([EventType.Click]), Ratio: Ctr)).Problems());
        Assert.Empty(Design().Problems());
        Assert.True(Design().MeasuresEvents);
    }
}
