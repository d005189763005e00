namespace ContentGrains.Core.Experiments;

/// <summary>One arm's value of one metric (the mean per exposed person, or the share with a total above 0) with its interval.</summary>
public sealed record ArmMetric(string Metric, IntervalEstimate Value);

/// <summary>One arm: persons exposed, planned and observed share of traffic, and each metric.</summary>
public sealed record ArmResult(string Arm, long Persons, double PlannedShare, double ObservedShare, IReadOnlyList<ArmMetric> Metrics);

/// <summary>
/// Treatment − control on one metric: the fixed-horizon and the sequential interval, each raw and after CUPED.
/// <see cref="RelativeLift"/> is the difference over the control's mean (null when that mean is 0). <see cref="VarianceReduction"/>
/// is 1 − var(after CUPED) / var(raw) of the difference.
/// </summary>
public sealed record MetricComparison(
    string Arm, string Metric, bool Guardrail, double ControlMean, double TreatmentMean, double? RelativeLift,
    IntervalEstimate Fixed, IntervalEstimate Sequential, IntervalEstimate CupedFixed, IntervalEstimate CupedSequential,
    double CupedTheta, double VarianceReduction);

public enum Verdict { KeepRunning, Ship, Stop }

/// <summary>What to do now: keep running, ship an arm (the control when no variant won), or stop; and why.</summary>
public sealed record ExperimentDecision(Verdict Verdict, string? Arm, string Reason);

/// <summary>
/// The state of an experiment's evidence. <see cref="ComparisonAlpha"/> is the level of each interval (α split over the
/// treatment arms, Bonferroni). <see cref="CupedApplied"/> says whether the decision read the CUPED intervals (when some
/// persons brought a pre-exposure value).
/// </summary>
public sealed record ExperimentReport(
    long Persons, double ComparisonAlpha, IReadOnlyList<ArmResult> Arms, IReadOnlyList<MetricComparison> Comparisons,
    SampleRatioCheck SampleRatio, bool CupedApplied, ExperimentDecision Decision);
