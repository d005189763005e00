namespace ContentGrains.Core.Experiments;

/// <summary>
/// How a metric is summarised per arm: the mean of each person's total, the share of people with a total above 0, or a
/// ratio of two sums over the arm's persons (<see cref="RatioMetric"/>, variance by <see cref="DeltaMethod"/>).
/// </summary>
public enum MetricKind { Mean, Proportion, Ratio }

/// <summary>Which test decides shipping: the always-valid sequential test (peek at will) or one fixed-horizon test at the horizon.</summary>
public enum DecisionTest { Sequential, FixedHorizon }

/// <summary>
/// A metric of the experiment. A guardrail is watched for harm only: an arm significantly worse on it stops the test.
/// <paramref name="HigherIsBetter"/> says which side is harm (a latency or an unsubscribe metric has it false).
/// With <paramref name="Events"/> the engine measures the metric from the event log after each person's first exposure
/// (<see cref="LogOutcomeMeasure"/>); without, clients post the outcomes. With <paramref name="Ratio"/> (kind
/// <see cref="MetricKind.Ratio"/>) it is the ratio of two such sums, always measured from the log.
/// </summary>
public sealed record MetricDefinition(
    string Name, MetricKind Kind = MetricKind.Mean, bool HigherIsBetter = true, bool Guardrail = false, EventMetric? Events = null, RatioMetric? Ratio = null)
{
    /// <summary>True when the engine measures this metric from the event log (an event metric or a ratio of two).</summary>
    public bool FromLog => Events is not null || Ratio is not null;

    /// <summary>Every problem of this metric (at index <paramref name="index"/>), each naming the field and the reason.</summary>
    public IEnumerable<(string Field, string Reason)> Problems(int index)
    {
        var field = $"metrics[{index}]";
        if (Events is { } events) foreach (var p in events.Problems($"{field}.events")) yield return p;
        if (Ratio is { } ratio) foreach (var p in ratio.Problems($"{field}.ratio")) yield return p;
        if (Events is not null && Ratio is not null) yield return ($"{field}.ratio", "a metric is either measured from events or a ratio of two event sums, not both");
        if (Kind == MetricKind.Ratio && Ratio is null) yield return ($"{field}.ratio", "is required when the kind is 'ratio' ({numerator: events, denominator: events})");
        if (Kind != MetricKind.Ratio && Ratio is not null) yield return ($"{field}.kind", "must be 'ratio' (or left out) for a metric with a ratio");
    }
}

/// <summary>One arm: its share of traffic (weights need not sum to 1) and, for feed experiments, the feed variant it serves.</summary>
public sealed record ArmDefinition(string Name, double Weight, FeedVariant? Feed = null);

/// <summary>
/// What an experiment tests and how it decides. The first arm is the control; the first metric that is not a guardrail is
/// the primary metric. <see cref="HorizonPersons"/> is the planned sample (all arms together): the fixed-horizon test
/// decides there, and the sequential test stops there when it has found nothing.
/// </summary>
public sealed record ExperimentDesign
{
    public const int MaxArms = 10;
    public const int MaxMetrics = 20;

    public string Salt { get; init; } = "";
    public IReadOnlyList<ArmDefinition> Arms { get; init; } = [];
    public IReadOnlyList<MetricDefinition> Metrics { get; init; } = [];
    public double Alpha { get; init; } = 0.05;
    public DecisionTest Test { get; init; } = DecisionTest.Sequential;
    public long HorizonPersons { get; init; } = 10_000;
    /// <summary>No decision on the primary metric before every arm has this many persons (the normal approximation needs some).</summary>
    public long MinPersonsPerArm { get; init; } = 100;
    /// <summary>The sample size (all arms) at which the confidence sequence is tightest (GrowthBook's tuning parameter).</summary>
    public long SequentialTuningPersons { get; init; } = 5_000;
    /// <summary>The sample-ratio test flags a mismatch below this p-value (0.001 is the usual threshold: the check runs often).</summary>
    public double SrmAlpha { get; init; } = 0.001;
    /// <summary>
    /// How far before a person's first exposure the log is read for their CUPED covariate when the primary metric is
    /// measured from events: the primary metric's value over those days.
    /// </summary>
    public double PreExposureDays { get; init; } = 14;

    /// <summary>True when some metric is measured from the event log (the grain then reads the log for results).</summary>
    public bool MeasuresEvents => Metrics.Any(m => m.FromLog);

    public ArmDefinition Control => Arms[0];

    public MetricDefinition Primary => Metrics.First(m => !m.Guardrail);

    /// <summary>Every problem with this design, each naming the field and the reason; empty when it can run.</summary>
    public IReadOnlyList<(string Field, string Reason)> Problems()
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Salt)) problems.Add(("salt", "must not be empty"));
        if (Arms.Count is < 2 or > MaxArms) problems.Add(("arms", $"must list between 2 and {MaxArms} arms (the first is the control)"));
        for (var i = 0; i < Arms.Count; i++)
        {
            if (!IsName(Arms[i].Name)) problems.Add(($"arms[{i}].name", "must be 1-64 letters, digits, '-', '_' or '.'"));
            if (!(Arms[i].Weight > 0) || double.IsInfinity(Arms[i].Weight)) problems.Add(($"arms[{i}].weight", "must be a positive number"));
            if (Arms[i].Feed?.Problem() is { } feed) problems.Add(($"arms[{i}].feed", feed));
        }
        if (Arms.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != Arms.Count) problems.Add(("arms", "arm names must be distinct"));
        if (Metrics.Count is < 1 or > MaxMetrics) problems.Add(("metrics", $"must list between 1 and {MaxMetrics} metrics"));
        for (var i = 0; i < Metrics.Count; i++)
        {
            if (!IsName(Metrics[i].Name)) problems.Add(($"metrics[{i}].name", "must be 1-64 letters, digits, '-', '_' or '.'"));
            problems.AddRange(Metrics[i].Problems(i));
        }
        if (Metrics.Count > 0 && Metrics.All(m => m.Guardrail)) problems.Add(("metrics", "need one metric that is not a guardrail (the primary metric)"));
        if (Metrics.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() != Metrics.Count) problems.Add(("metrics", "metric names must be distinct"));
        if (Alpha is <= 0 or >= 0.5) problems.Add(("alpha", "must be in (0, 0.5)"));
        if (SrmAlpha is <= 0 or >= 0.5) problems.Add(("srmAlpha", "must be in (0, 0.5)"));
        if (MinPersonsPerArm < 2) problems.Add(("minPersonsPerArm", "must be at least 2"));
        if (HorizonPersons < MinPersonsPerArm * Math.Max(2, Arms.Count)) problems.Add(("horizonPersons", "must be at least minPersonsPerArm × the number of arms"));
        if (PreExposureDays is < 0 or > 365 || double.IsNaN(PreExposureDays)) problems.Add(("preExposureDays", "must be between 0 and 365"));
        if (SequentialTuningPersons < 1) problems.Add(("sequentialTuningPersons", "must be at least 1"));
        return problems;
    }

    /// <summary>A name usable in routes and JSON keys.</summary>
    public static bool IsName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
