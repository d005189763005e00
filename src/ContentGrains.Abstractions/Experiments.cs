namespace ContentGrains.Abstractions;

/// <summary>
/// An A/B/n experiment (key: experiment id). Assignment is deterministic (a hash of the person's id with the salt);
/// each assignment while running logs an exposure; outcomes count for exposed persons only.
/// </summary>
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary>Creates the experiment as a draft. Returns the field errors, empty when created.</summary>
    Task<IReadOnlyList<FieldError>> CreateAsync(ExperimentSpec spec);
    /// <summary>Null when never created.</summary>
    Task<ExperimentView?> GetAsync();
    Task<ExperimentTransition> StartAsync();
    Task<ExperimentTransition> StopAsync();
    /// <summary>
    /// The person's arm. While running this logs an exposure and keeps <paramref name="preExposure"/> (the CUPED covariate)
    /// from the first one; otherwise it answers the control arm and logs nothing. Null when the experiment does not exist.
    /// </summary>
    Task<ExperimentAssignment?> AssignAsync(string userId, double? preExposure);
    /// <summary>Adds <paramref name="value"/> to the person's total of a metric.</summary>
    Task<OutcomeStatus> RecordOutcomeAsync(string userId, string metric, double value);
    /// <summary>
    /// Null when never created. Metrics measured from events are counted from the event log here: incrementally (the events
    /// after the position the last read reached), reused while the log, the exposure log and the flags are unchanged.
    /// </summary>
    Task<ExperimentResults?> GetResultsAsync();
    /// <summary>
    /// The results after a full pass over the tenant's log: the stored incremental pass is dropped and rebuilt from the start
    /// (for a commit that landed later than the re-read window, and to compare the two passes).
    /// </summary>
    Task<ExperimentResults?> GetResultsAfterFullPassAsync();
    /// <summary>The exposure log as each exposed person's first exposure (empty when never created): what KPIs and reports count by arm.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetFirstExposuresAsync();
}

/// <summary>What recording an outcome did.</summary>
[GenerateSerializer]
public enum OutcomeStatus { Recorded, NotFound, NotRunning, UnknownMetric, NotExposed }

/// <summary>A change to the feed's knobs served to one arm; unset values keep the engine's (ContentGrains:Engine:Feed).</summary>
[GenerateSerializer, Immutable, Alias("cg.FeedVariantSpec")]
public sealed record FeedVariantSpec(
    [property: Id(0)] double? ModelWeight = null,
    [property: Id(1)] double? InterestWeight = null,
    [property: Id(2)] double? PopularityWeight = null,
    [property: Id(3)] double? FreshnessWeight = null,
    [property: Id(4)] double? DiversityWeight = null,
    [property: Id(5)] int? ExplorationSlots = null);

/// <summary>One arm: its name, its traffic weight, and optionally the feed variant it serves.</summary>
[GenerateSerializer, Immutable, Alias("cg.ExperimentArm")]
public sealed record ExperimentArm([property: Id(0)] string Name, [property: Id(1)] double Weight = 1, [property: Id(2)] FeedVariantSpec? Feed = null);

/// <summary>
/// A metric: kind "mean" (per exposed person), "proportion" (share with a total above 0) or "ratio" (Σ numerator /
/// Σ denominator over an arm's persons, e.g. CTR = clicks / impressions, variance by the delta method); a guardrail only
/// guards against harm. With <see cref="Events"/> the engine measures it from the ingested events after each person's
/// first exposure; with <see cref="Ratio"/> it measures both sums so (kind "ratio", which may be left out); with neither,
/// the client posts outcomes.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ExperimentMetric")]
public sealed record ExperimentMetric(
    [property: Id(0)] string Name,
    [property: Id(1)] string Kind = "mean",
    [property: Id(2)] bool HigherIsBetter = true,
    [property: Id(3)] bool Guardrail = false,
    [property: Id(4)] ExperimentEventMetric? Events = null,
    [property: Id(5)] ExperimentRatioMetric? Ratio = null);

/// <summary>A ratio metric's two sums, each measured from the event log as an event metric is: CTR is {numerator: {types: [click]}, denominator: {types: [impression]}}.</summary>
[GenerateSerializer, Immutable, Alias("cg.ExperimentRatioMetric")]
public sealed record ExperimentRatioMetric(
    [property: Id(0)] ExperimentEventMetric? Numerator = null,
    [property: Id(1)] ExperimentEventMetric? Denominator = null);

/// <summary>
/// A metric measured from the event log: events of the listed types ("click", "like", …) match, and so does any event
/// carrying at least <see cref="MinDwellSeconds"/> of dwell; each adds 1 ("count", the default) or its dwell seconds
/// ("dwellSeconds") to the person's total.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ExperimentEventMetric")]
public sealed record ExperimentEventMetric(
    [property: Id(0)] IReadOnlyList<string>? Types = null,
    [property: Id(1)] double? MinDwellSeconds = null,
    [property: Id(2)] string? Value = null);

/// <summary>
/// An experiment's definition. The first arm is the control; the first metric that is not a guardrail is primary.
/// Test: "sequential" (always-valid, peek at will; default) or "fixed" (one look at the horizon). Unset values take the
/// defaults (salt = the experiment id, alpha 0.05, horizon 10,000 persons, 100 persons per arm before a decision).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ExperimentSpec")]
public sealed record ExperimentSpec(
    [property: Id(0)] IReadOnlyList<ExperimentArm> Arms,
    [property: Id(1)] IReadOnlyList<ExperimentMetric> Metrics,
    [property: Id(2)] string? Salt = null,
    [property: Id(3)] double? Alpha = null,
    [property: Id(4)] string? Test = null,
    [property: Id(5)] long? HorizonPersons = null,
    [property: Id(6)] long? MinPersonsPerArm = null,
    [property: Id(7)] long? SequentialTuningPersons = null,
    [property: Id(8)] string? Description = null,
    [property: Id(9)] double? PreExposureDays = null);

/// <summary>An experiment: status "draft", "running" or "stopped", its definition with defaults filled in, and persons exposed.</summary>
[GenerateSerializer, Immutable, Alias("cg.ExperimentView")]
public sealed record ExperimentView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Status,
    [property: Id(2)] ExperimentSpec Spec,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? StartedAt,
    [property: Id(5)] DateTimeOffset? StoppedAt,
    [property: Id(6)] long Persons);

/// <summary>The result of start or stop: the experiment, or why it could not change (Conflict), or NotFound.</summary>
[GenerateSerializer, Immutable, Alias("cg.ExperimentTransition")]
public sealed record ExperimentTransition([property: Id(0)] ExperimentView? Experiment, [property: Id(1)] string? Conflict = null)
{
    public bool NotFound => Experiment is null && Conflict is null;
}

/// <summary>A person's arm, the feed variant it serves, and whether the exposure was logged (only while running).</summary>
[GenerateSerializer, Immutable, Alias("cg.ExperimentAssignment")]
public sealed record ExperimentAssignment(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Arm,
    [property: Id(3)] bool Logged,
    [property: Id(4)] FeedVariantSpec? Feed = null);

/// <summary>An estimate and its interval; bounds are null where no interval exists yet (too little data).</summary>
[GenerateSerializer, Immutable, Alias("cg.Interval")]
public sealed record Interval(
    [property: Id(0)] double Estimate,
    [property: Id(1)] double? StandardError,
    [property: Id(2)] double? Low,
    [property: Id(3)] double? High,
    [property: Id(4)] double? PValue = null);

[GenerateSerializer, Immutable, Alias("cg.ArmMetricView")]
public sealed record ArmMetricView([property: Id(0)] string Metric, [property: Id(1)] Interval Value);

[GenerateSerializer, Immutable, Alias("cg.ArmResultView")]
public sealed record ArmResultView(
    [property: Id(0)] string Arm,
    [property: Id(1)] long Persons,
    [property: Id(2)] double PlannedShare,
    [property: Id(3)] double ObservedShare,
    [property: Id(4)] IReadOnlyList<ArmMetricView> Metrics);

/// <summary>Arm − control on one metric: fixed-horizon and always-valid sequential intervals, raw and after CUPED.</summary>
[GenerateSerializer, Immutable, Alias("cg.ComparisonView")]
public sealed record ComparisonView(
    [property: Id(0)] string Arm,
    [property: Id(1)] string Metric,
    [property: Id(2)] bool Guardrail,
    [property: Id(3)] double ControlMean,
    [property: Id(4)] double ArmMean,
    [property: Id(5)] double? RelativeLift,
    [property: Id(6)] Interval Fixed,
    [property: Id(7)] Interval Sequential,
    [property: Id(8)] Interval CupedFixed,
    [property: Id(9)] Interval CupedSequential,
    [property: Id(10)] double CupedTheta,
    [property: Id(11)] double CupedVarianceReduction);

[GenerateSerializer, Immutable, Alias("cg.SampleRatioView")]
public sealed record SampleRatioView([property: Id(0)] double ChiSquare, [property: Id(1)] int DegreesOfFreedom, [property: Id(2)] double PValue, [property: Id(3)] bool Mismatch);

/// <summary>Verdict "keep-running", "ship" (Arm says which) or "stop" (Arm names the arm to keep), with the reason.</summary>
[GenerateSerializer, Immutable, Alias("cg.DecisionView")]
public sealed record DecisionView([property: Id(0)] string Verdict, [property: Id(1)] string? Arm, [property: Id(2)] string Reason);

/// <summary>An experiment's results: per-arm KPIs, comparisons with the control, the sample-ratio check and the decision.</summary>
[GenerateSerializer, Immutable, Alias("cg.ExperimentResults")]
public sealed record ExperimentResults(
    [property: Id(0)] string Id,
    [property: Id(1)] string Status,
    [property: Id(2)] long Persons,
    [property: Id(3)] double ComparisonAlpha,
    [property: Id(4)] IReadOnlyList<ArmResultView> Arms,
    [property: Id(5)] IReadOnlyList<ComparisonView> Comparisons,
    [property: Id(6)] SampleRatioView SampleRatio,
    [property: Id(7)] bool CupedApplied,
    [property: Id(8)] DecisionView Decision,
    [property: Id(9)] long ExcludedNonHuman = 0,
    [property: Id(10)] MeasuredOutcomesView? Measured = null);

/// <summary>
/// How the event-derived metrics were measured: events of the log read, events counted as outcomes (at or after their
/// person's first exposure, before the stop), matching events before exposure (not outcomes), and the outcome events of
/// the persons left out as non-human (by reason of their flag), with the pre-exposure window of the CUPED covariate.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.MeasuredOutcomesView")]
public sealed record MeasuredOutcomesView(
    [property: Id(0)] long EventsRead,
    [property: Id(1)] long EventsCounted,
    [property: Id(2)] long EventsBeforeExposure,
    [property: Id(3)] long ExcludedEvents,
    [property: Id(4)] IReadOnlyDictionary<string, long> ExcludedPersonsByReason,
    [property: Id(5)] double PreExposureDays,
    [property: Id(6)] DateTimeOffset MeasuredAt,
    [property: Id(7)] MeasurePassView? Pass = null);

/// <summary>
/// The log pass behind a results read: "full" (the whole tenant log: the first read, after a stop, or when the stored pass
/// no longer matched) or "incremental" (only events after <see cref="LogPosition"/> of the previous read, plus a re-read
/// window for late commits); events read and taken (new), persons first measured and their history events read through
/// the per-person index, and the log sequence reached.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.MeasurePassView")]
public sealed record MeasurePassView(
    [property: Id(0)] string Kind,
    [property: Id(1)] long EventsRead,
    [property: Id(2)] long EventsTaken,
    [property: Id(3)] int PersonsAdded,
    [property: Id(4)] long HistoryEvents,
    [property: Id(5)] long LogPosition);
