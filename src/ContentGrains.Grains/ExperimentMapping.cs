using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Experiments;

namespace ContentGrains.Grains;

/// <summary>Between the public experiment records and Core's design and report.</summary>
public static class ExperimentMapping
{
    /// <summary>The design a spec describes (defaults filled in), or the field errors.</summary>
    public static (ExperimentDesign? Design, IReadOnlyList<FieldError> Errors) ToDesign(string id, ExperimentSpec spec)
    {
        var errors = new List<FieldError>();
        if (spec.Arms is null) errors.Add(new("arms", "is required"));
        if (spec.Metrics is null) errors.Add(new("metrics", "is required"));
        if (errors.Count > 0) return (null, errors);
        var metrics = spec.Metrics!.Select((m, i) => ToMetric(m, i, errors)).ToList();
        var test = spec.Test switch
        {
            null or "sequential" => DecisionTest.Sequential,
            "fixed" => DecisionTest.FixedHorizon,
            _ => Error(errors, "test", "must be 'sequential' or 'fixed'", DecisionTest.Sequential),
        };
        var defaults = new ExperimentDesign();
        var design = new ExperimentDesign
        {
            Salt = spec.Salt ?? id,
            Arms = spec.Arms!.Select(a => new ArmDefinition(a?.Name ?? "", a?.Weight ?? 0, a?.Feed is null ? null : ToVariant(a.Feed))).ToList(),
            Metrics = metrics,
            Alpha = spec.Alpha ?? defaults.Alpha,
            Test = test,
            HorizonPersons = spec.HorizonPersons ?? defaults.HorizonPersons,
            MinPersonsPerArm = spec.MinPersonsPerArm ?? defaults.MinPersonsPerArm,
            SequentialTuningPersons = spec.SequentialTuningPersons ?? defaults.SequentialTuningPersons,
            PreExposureDays = spec.PreExposureDays ?? defaults.PreExposureDays,
        };
        errors.AddRange(design.Problems().Select(p => new FieldError(p.Field, p.Reason)));
        return errors.Count > 0 ? (null, errors) : (design, errors);
    }

    public static ExperimentSpec ToSpec(ExperimentDesign design, string? description) => new(
        design.Arms.Select(a => new ExperimentArm(a.Name, a.Weight, a.Feed is null ? null : ToSpec(a.Feed))).ToList(),
        design.Metrics.Select(m => new ExperimentMetric(m.Name, KindName(m.Kind), m.HigherIsBetter, m.Guardrail,
            m.Events is null ? null : ToSpec(m.Events), m.Ratio is null ? null : new ExperimentRatioMetric(ToSpec(m.Ratio.Numerator), ToSpec(m.Ratio.Denominator)))).ToList(),
        design.Salt, design.Alpha, design.Test == DecisionTest.FixedHorizon ? "fixed" : "sequential",
        design.HorizonPersons, design.MinPersonsPerArm, design.SequentialTuningPersons, description, design.PreExposureDays);

    public static ExperimentEventMetric ToSpec(EventMetric metric) => new(
        metric.Types.Select(t => t.Name()).ToList(), metric.MinDwellSeconds,
        metric.Value == EventMetricValue.DwellSeconds ? "dwellSeconds" : "count");

    public static MeasuredOutcomesView ToView(MeasuredOutcomes measured, double preExposureDays)
    {
        var outcomes = measured.Outcomes;
        return new(outcomes.EventsRead, outcomes.EventsCounted, outcomes.EventsBeforeExposure, outcomes.ExcludedEvents,
            outcomes.ExcludedPersonsByReason, preExposureDays, measured.At,
            new MeasurePassView(measured.Pass, measured.Stats.EventsRead, measured.Stats.EventsTaken, measured.Stats.PersonsAdded,
                measured.Stats.HistoryEvents, measured.LogPosition));
    }

    public static FeedVariant ToVariant(FeedVariantSpec s) => new()
    {
        ModelWeight = s.ModelWeight, InterestWeight = s.InterestWeight, PopularityWeight = s.PopularityWeight,
        FreshnessWeight = s.FreshnessWeight, DiversityWeight = s.DiversityWeight, ExplorationSlots = s.ExplorationSlots,
    };

    public static FeedVariantSpec ToSpec(FeedVariant v) =>
        new(v.ModelWeight, v.InterestWeight, v.PopularityWeight, v.FreshnessWeight, v.DiversityWeight, v.ExplorationSlots);

    public static ExperimentResults ToResults(string id, string status, ExperimentReport report) => new(
        id, status, report.Persons, report.ComparisonAlpha,
        report.Arms.Select(a => new ArmResultView(a.Arm, a.Persons, a.PlannedShare, a.ObservedShare,
            a.Metrics.Select(m => new ArmMetricView(m.Metric, ToInterval(m.Value))).ToList())).ToList(),
        report.Comparisons.Select(c => new ComparisonView(c.Arm, c.Metric, c.Guardrail, c.ControlMean, c.TreatmentMean, c.RelativeLift,
            ToInterval(c.Fixed), ToInterval(c.Sequential), ToInterval(c.CupedFixed), ToInterval(c.CupedSequential),
            c.CupedTheta, c.VarianceReduction)).ToList(),
        new SampleRatioView(report.SampleRatio.ChiSquare, report.SampleRatio.DegreesOfFreedom, report.SampleRatio.PValue, report.SampleRatio.Mismatch),
        report.CupedApplied,
        new DecisionView(report.Decision.Verdict switch { Verdict.Ship => "ship", Verdict.Stop => "stop", _ => "keep-running" },
            report.Decision.Arm, report.Decision.Reason));

    /// <summary>JSON has no infinity: an unbounded side becomes null.</summary>
    private static Interval ToInterval(IntervalEstimate e) =>
        new(e.Estimate, Finite(e.StandardError), Finite(e.Low), Finite(e.High), e.PValue);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string KindName(MetricKind kind) => kind switch { MetricKind.Proportion => "proportion", MetricKind.Ratio => "ratio", _ => "mean" };

    private static MetricDefinition ToMetric(ExperimentMetric? metric, int index, List<FieldError> errors)
    {
        var kind = metric?.Kind switch
        {
            // A metric with a ratio is a ratio: "kind" may be left out (its default "mean" is read as unset then).
            null or "mean" when metric?.Ratio is not null => MetricKind.Ratio,
            null or "mean" => MetricKind.Mean,
            "proportion" => MetricKind.Proportion,
            "ratio" => MetricKind.Ratio,
            _ => Error(errors, $"metrics[{index}].kind", "must be 'mean', 'proportion' or 'ratio'", MetricKind.Mean),
        };
        var events = metric?.Events is { } spec ? ToEventMetric(spec, $"metrics[{index}].events", errors) : null;
        var ratio = metric?.Ratio is { } r ? ToRatioMetric(r, $"metrics[{index}].ratio", errors) : null;
        return new MetricDefinition(metric?.Name ?? "", kind, metric?.HigherIsBetter ?? true, metric?.Guardrail ?? false, events, ratio);
    }

    private static RatioMetric ToRatioMetric(ExperimentRatioMetric spec, string field, List<FieldError> errors) => new(
        spec.Numerator is { } n ? ToEventMetric(n, $"{field}.numerator", errors) : null!,
        spec.Denominator is { } d ? ToEventMetric(d, $"{field}.denominator", errors) : null!); // a missing side: RatioMetric.Problems names it

    private static EventMetric ToEventMetric(ExperimentEventMetric spec, string field, List<FieldError> errors)
    {
        var types = new List<EventType>();
        foreach (var (name, i) in (spec.Types ?? []).Select((n, i) => (n, i)))
        {
            if (EventTypes.TryParse(name, out var type)) types.Add(type);
            else errors.Add(new FieldError($"{field}.types[{i}]", $"'{name}' is not an event type (one of {EventTypes.KnownNames})"));
        }
        var value = spec.Value switch
        {
            null or "count" => EventMetricValue.Count,
            "dwellSeconds" => EventMetricValue.DwellSeconds,
            _ => Error(errors, $"{field}.value", "must be 'count' or 'dwellSeconds'", EventMetricValue.Count),
        };
        return new EventMetric(types.Distinct().ToList(), spec.MinDwellSeconds, value);
    }

    private static T Error<T>(List<FieldError> errors, string field, string reason, T fallback)
    {
        errors.Add(new FieldError(field, reason));
        return fallback;
    }
}
