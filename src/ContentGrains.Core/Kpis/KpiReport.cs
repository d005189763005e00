using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Kpis;

/// <summary>What non-human traffic was left out of a computation: persons flagged and events excluded, per reason.</summary>
public sealed record TrafficExclusionSummary(
    int FlaggedPersons,
    IReadOnlyDictionary<string, int> FlaggedByReason,
    long ExcludedEvents,
    IReadOnlyDictionary<string, long> ExcludedEventsByReason,
    long IncludedEvents)
{
    public static TrafficExclusionSummary Of(TrafficExclusion exclusion) => new(
        exclusion.Flags.Count, exclusion.FlaggedByReason(), exclusion.ExcludedEvents, exclusion.ExcludedByReason(), exclusion.IncludedEvents);
}

/// <summary>
/// The KPIs of a window of the log: overall, per dimension, retention by cohort, what was left out as non-human, and
/// the cost. Intervals: Wilson for proportions, Student t for mean dwell, at <see cref="Confidence"/>.
/// </summary>
public sealed record KpiReport(
    DateTimeOffset? From,
    DateTimeOffset? To,
    double Confidence,
    string ProportionInterval,
    string MeanInterval,
    KpiRow Overall,
    IReadOnlyDictionary<string, KpiTable> Dimensions,
    IReadOnlyList<CohortRetention> Retention,
    TrafficExclusionSummary Excluded,
    long EventsRead,
    double Seconds)
{
    public static KpiReport Of(KpiAccumulator kpis, TrafficExclusion exclusion, KpiWindow window, long eventsRead, double seconds, double confidence = 0.95) => new(
        window.From, window.To, confidence, Kpis.ProportionInterval.Method, Kpis.MeanInterval.Method,
        KpiRow.Of("all", kpis.Overall, confidence),
        kpis.Breakdowns.ToDictionary(kv => kv.Key, kv => KpiTable.Of(kv.Value, confidence), StringComparer.Ordinal),
        kpis.Retention?.Cohorts(confidence: confidence) ?? [],
        TrafficExclusionSummary.Of(exclusion),
        eventsRead,
        Math.Round(seconds, 3));
}

/// <summary>A half-open time window [From, To) of events; either end may be open (null).</summary>
public sealed record KpiWindow(DateTimeOffset? From, DateTimeOffset? To)
{
    public static KpiWindow All { get; } = new(null, null);

    public bool Contains(DateTimeOffset at) => (From is not { } f || at >= f) && (To is not { } t || at < t);

    public string? Problem() => From is { } f && To is { } t && t <= f ? "to must be after from" : null;
}
