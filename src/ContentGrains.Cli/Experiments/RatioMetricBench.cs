using ContentGrains.Core.Events;
using ContentGrains.Core.Experiments;

namespace ContentGrains.Cli.Experiments;

/// <summary>What <see cref="RatioMetricBench"/> runs: A/A tests, lift trials, persons per test, the planted CTR lift and the seed.</summary>
public sealed record RatioMetricBenchSettings(int AaTests, int LiftTrials, int Persons, double Lift, long Seed);

/// <summary>
/// The CTR ratio metric (Σ clicks / Σ impressions per arm, delta-method variance) on generated people, through the
/// engine's own <see cref="ExperimentAnalysis"/>: each person has a click rate of their own (uniform in [0.02, 0.30]) and an
/// activity level of their own (a geometric number of impressions with a mean uniform in [2, 30]), the same before
/// exposure (the CUPED covariate) and after. A/A tests split people
/// at random: the share found significant is the false-positive rate, for the delta method (fixed and sequential, raw and
/// CUPED) and for the naive binomial test that treats impressions as independent. Lift trials multiply arm B's rates by
/// 1 + lift: the share detected is the power.
/// </summary>
public sealed class RatioMetricBench(RatioMetricBenchSettings settings)
{
    private static readonly ExperimentDesign Design = new()
    {
        Salt = "ratio-bench",
        Arms = [new("A", 1), new("B", 1)],
        Metrics = [new("ctr", MetricKind.Ratio, Ratio: new RatioMetric(new EventMetric([EventType.Click]), new EventMetric([EventType.Impression])))],
        MinPersonsPerArm = 2,
        HorizonPersons = long.MaxValue / 4,
    };

    public sealed record Rates(int Tests, double Fixed, double Sequential, double CupedFixed, double CupedSequential, double Binomial, double MeanVarianceReduction);

    public sealed record Outcome(RatioMetricBenchSettings Settings, Rates AaFalsePositives, Rates LiftDetected, double MeanMeasuredRelativeLift);

    public Outcome Run()
    {
        var random = new Random((int)settings.Seed);
        var aa = Tally(random, settings.AaTests, lift: 0, out _);
        var power = Tally(random, settings.LiftTrials, settings.Lift, out var measuredLift);
        return new Outcome(settings, aa, power, Math.Round(measuredLift, 4));
    }

    private Rates Tally(Random random, int tests, double lift, out double meanRelativeLift)
    {
        int fixedHits = 0, sequentialHits = 0, cupedFixedHits = 0, cupedSequentialHits = 0, binomialHits = 0;
        double reduction = 0, relative = 0;
        for (var t = 0; t < tests; t++)
        {
            var people = Enumerable.Range(0, settings.Persons).Select(_ => Person(random, lift)).ToList();
            var c = new ExperimentAnalysis(Design).Analyze(people).Comparisons.Single();
            // A/A: any significant interval is a false positive; with a lift, only one on the right side is a detection.
            bool Hit(IntervalEstimate i) => lift == 0 ? i.Significant : i.Low > 0;
            fixedHits += Hit(c.Fixed) ? 1 : 0;
            sequentialHits += Hit(c.Sequential) ? 1 : 0;
            cupedFixedHits += Hit(c.CupedFixed) ? 1 : 0;
            cupedSequentialHits += Hit(c.CupedSequential) ? 1 : 0;
            binomialHits += Hit(BinomialInterval(people, c.TreatmentMean - c.ControlMean, Design.Alpha)) ? 1 : 0;
            reduction += c.VarianceReduction;
            relative += c.RelativeLift ?? 0;
        }
        meanRelativeLift = tests > 0 ? relative / tests : 0;
        double Share(int hits) => tests > 0 ? Math.Round((double)hits / tests, 4) : 0;
        return new Rates(tests, Share(fixedHits), Share(sequentialHits), Share(cupedFixedHits), Share(cupedSequentialHits), Share(binomialHits),
            tests > 0 ? Math.Round(reduction / tests, 4) : 0);
    }

    /// <summary>One person, in arm A or B at random: clicks and impressions after exposure, and before it (the covariate).</summary>
    private static Participant Person(Random random, double lift)
    {
        var arm = random.Next(2) == 0 ? "A" : "B";
        var (rate, activity) = (0.02 + 0.28 * random.NextDouble(), 2 + 28 * random.NextDouble());
        var (preClicks, preImpressions) = Browse(random, rate, activity);
        var (clicks, impressions) = Browse(random, arm == "B" ? rate * (1 + lift) : rate, activity);
        return new Participant
        {
            Arm = arm, Exposures = 1, PreExposure = preClicks, PreExposureDenominator = preImpressions,
            Totals = new() { ["ctr"] = clicks, [RatioMetric.DenominatorKey("ctr")] = impressions },
        };
    }

    private static (double Clicks, double Impressions) Browse(Random random, double rate, double meanImpressions)
    {
        var impressions = 1;
        while (random.NextDouble() < 1 - 1 / meanImpressions) impressions++;
        var clicks = 0;
        for (var k = 0; k < impressions; k++) if (random.NextDouble() < rate) clicks++;
        return (clicks, impressions);
    }

    /// <summary>The naive test: each arm's CTR with the binomial variance over its impressions (what the delta method corrects).</summary>
    private static IntervalEstimate BinomialInterval(IReadOnlyList<Participant> people, double difference, double alpha)
    {
        var variance = 0.0;
        foreach (var arm in new[] { "A", "B" })
        {
            var inArm = people.Where(p => p.Arm == arm).ToList();
            variance += DeltaMethod.BinomialVariance(inArm.Sum(p => p.Total("ctr")), inArm.Sum(p => p.Total(RatioMetric.DenominatorKey("ctr"))));
        }
        return FixedHorizonTest.Normal(difference, Math.Sqrt(variance), alpha);
    }
}
