using System.Globalization;

namespace ContentGrains.Core.Experiments;

/// <summary>
/// The stopping rule, in order: a sample-ratio mismatch stops the test (its numbers cannot be trusted); an arm
/// significantly worse on a guardrail stops it (read on the always-valid interval, so watching guardrails continuously
/// is safe); then the primary metric decides. Sequential: ship the best arm whose always-valid interval lies on the good
/// side of 0, stop when every variant is significantly worse (keep the control), stop at the horizon with nothing found.
/// Fixed-horizon: nothing before the horizon; at it, ship the best significant arm or stop.
/// </summary>
public sealed class ExperimentDecider(ExperimentDesign design)
{
    public ExperimentDecision Decide(IReadOnlyList<long> counts, SampleRatioCheck srm, IReadOnlyList<MetricComparison> comparisons, bool cuped)
    {
        var total = counts.Sum();
        if (total == 0) return Keep("no person has been exposed yet");
        if (srm.Mismatch)
            return new(Verdict.Stop, null, Invariant($"sample ratio mismatch: χ² = {srm.ChiSquare:0.00}, p = {srm.PValue:0.######} < {design.SrmAlpha}; assignment or exposure logging is broken, so the results cannot be trusted"));
        foreach (var guardrail in comparisons.Where(c => c.Guardrail))
        {
            var interval = cuped ? guardrail.CupedSequential : guardrail.Sequential;
            if (IsWorse(guardrail.Metric, interval))
                return new(Verdict.Stop, design.Control.Name, Invariant($"arm {guardrail.Arm} is significantly worse on guardrail {guardrail.Metric} (always-valid interval [{interval.Low:G4}, {interval.High:G4}]); keep {design.Control.Name}"));
        }
        var smallest = counts.Min();
        if (smallest < design.MinPersonsPerArm)
            return Keep(Invariant($"every arm needs at least {design.MinPersonsPerArm} persons before a decision (smallest has {smallest})"));
        var primary = comparisons.Where(c => c.Metric == design.Primary.Name).ToList();
        return design.Test == DecisionTest.Sequential ? Sequential(primary, total, cuped) : FixedHorizon(primary, total, cuped);
    }

    private ExperimentDecision Sequential(IReadOnlyList<MetricComparison> primary, long total, bool cuped)
    {
        var intervals = primary.Select(c => (c.Arm, Interval: cuped ? c.CupedSequential : c.Sequential)).ToList();
        if (Best(intervals) is { } best)
            return new(Verdict.Ship, best.Arm, Invariant($"arm {best.Arm} beats {design.Control.Name} on {design.Primary.Name}: difference {best.Interval.Estimate:G4}, always-valid interval [{best.Interval.Low:G4}, {best.Interval.High:G4}]"));
        if (intervals.All(i => IsWorse(design.Primary.Name, i.Interval)))
            return new(Verdict.Stop, design.Control.Name, $"every variant is significantly worse than {design.Control.Name} on {design.Primary.Name}; keep {design.Control.Name}");
        if (total >= design.HorizonPersons)
            return new(Verdict.Stop, design.Control.Name, Invariant($"the horizon of {design.HorizonPersons} persons is reached with no significant difference on {design.Primary.Name}; keep {design.Control.Name}"));
        return Keep(Invariant($"no arm differs significantly on {design.Primary.Name} yet ({total} of {design.HorizonPersons} persons); peeking is safe with the sequential test"));
    }

    private ExperimentDecision FixedHorizon(IReadOnlyList<MetricComparison> primary, long total, bool cuped)
    {
        if (total < design.HorizonPersons)
            return Keep(Invariant($"the fixed-horizon test decides at {design.HorizonPersons} persons ({total} so far); looking earlier would inflate false positives"));
        var intervals = primary.Select(c => (c.Arm, Interval: cuped ? c.CupedFixed : c.Fixed)).ToList();
        if (Best(intervals) is { } best)
            return new(Verdict.Ship, best.Arm, Invariant($"arm {best.Arm} beats {design.Control.Name} on {design.Primary.Name} at the horizon: difference {best.Interval.Estimate:G4}, interval [{best.Interval.Low:G4}, {best.Interval.High:G4}], p = {best.Interval.PValue:G3}"));
        return new(Verdict.Stop, design.Control.Name, $"no variant beats {design.Control.Name} on {design.Primary.Name} at the horizon; keep {design.Control.Name}");
    }

    /// <summary>The arm with the largest significant improvement, or null.</summary>
    private (string Arm, IntervalEstimate Interval)? Best(IReadOnlyList<(string Arm, IntervalEstimate Interval)> intervals)
    {
        var better = intervals.Where(i => IsBetter(design.Primary.Name, i.Interval)).ToList();
        if (better.Count == 0) return null;
        var sign = HigherIsBetter(design.Primary.Name) ? 1 : -1;
        return better.MaxBy(i => sign * i.Interval.Estimate);
    }

    private bool HigherIsBetter(string metric) => design.Metrics.First(m => m.Name == metric).HigherIsBetter;

    private bool IsBetter(string metric, IntervalEstimate interval) => HigherIsBetter(metric) ? interval.Low > 0 : interval.High < 0;

    private bool IsWorse(string metric, IntervalEstimate interval) => HigherIsBetter(metric) ? interval.High < 0 : interval.Low > 0;

    private static ExperimentDecision Keep(string reason) => new(Verdict.KeepRunning, null, reason);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
