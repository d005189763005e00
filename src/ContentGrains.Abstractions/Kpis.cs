namespace ContentGrains.Abstractions;

/// <summary>
/// KPIs over the event log without non-human traffic (key: "default"). A computation judges all traffic, keeps the
/// flagged persons (stored: training and experiments read them) and the KPIs of the window it was asked for; a query
/// for another window, or after new events, computes again.
/// </summary>
public interface IKpiGrain : IGrainWithStringKey
{
    /// <summary>Computes now over [from, to) (either may be null: open) and keeps the result.</summary>
    Task<KpiRun> ComputeAsync(DateTimeOffset? from, DateTimeOffset? to);
    /// <summary>One dimension's KPIs over [from, to); null when the dimension is unknown.</summary>
    Task<KpiBreakdownResult?> GetAsync(string by, DateTimeOffset? from, DateTimeOffset? to);
    /// <summary>Day-1 and day-7 retention of the cohorts first seen in [from, to).</summary>
    Task<RetentionResult> GetRetentionAsync(DateTimeOffset? from, DateTimeOffset? to);
    /// <summary>The persons flagged by the latest computation (empty before the first).</summary>
    Task<IReadOnlyList<TrafficFlagValue>> GetFlagsAsync();
}


/// <summary>A proportion with its Wilson interval.</summary>
[GenerateSerializer, Immutable, Alias("cg.RateValue")]
public sealed record RateValue([property: Id(0)] long Successes, [property: Id(1)] long Trials, [property: Id(2)] double Value,
    [property: Id(3)] double Low, [property: Id(4)] double High);

/// <summary>A mean with its Student-t interval (null bounds below two values).</summary>
[GenerateSerializer, Immutable, Alias("cg.MeanValue")]
public sealed record MeanValue([property: Id(0)] long Count, [property: Id(1)] double Mean, [property: Id(2)] double? Low, [property: Id(3)] double? High);

/// <summary>The KPIs of one key: counts, CTR (clicks / impressions), conversion rate (conversions / clicks), mean dwell.</summary>
[GenerateSerializer, Immutable, Alias("cg.KpiValues")]
public sealed record KpiValues(
    [property: Id(0)] string Key,
    [property: Id(1)] long Events,
    [property: Id(2)] long Impressions,
    [property: Id(3)] long Clicks,
    [property: Id(4)] long Conversions,
    [property: Id(5)] RateValue? Ctr,
    [property: Id(6)] RateValue? ConversionRate,
    [property: Id(7)] MeanValue? Dwell);

/// <summary>What was left out as non-human: persons flagged and events excluded, per reason.</summary>
[GenerateSerializer, Immutable, Alias("cg.KpiExcluded")]
public sealed record KpiExcluded(
    [property: Id(0)] int FlaggedPersons,
    [property: Id(1)] IReadOnlyDictionary<string, int> FlaggedByReason,
    [property: Id(2)] long ExcludedEvents,
    [property: Id(3)] IReadOnlyDictionary<string, long> ExcludedEventsByReason,
    [property: Id(4)] long IncludedEvents);

/// <summary>One dimension's KPIs: the window, the interval methods, the overall values, one row per key, the events the
/// key bound folded into "(other)", and what was excluded.</summary>
[GenerateSerializer, Immutable, Alias("cg.KpiBreakdownResult")]
public sealed record KpiBreakdownResult(
    [property: Id(0)] string By,
    [property: Id(1)] DateTimeOffset? From,
    [property: Id(2)] DateTimeOffset? To,
    [property: Id(3)] string ProportionInterval,
    [property: Id(4)] string MeanInterval,
    [property: Id(5)] KpiValues Overall,
    [property: Id(6)] IReadOnlyList<KpiValues> Rows,
    [property: Id(7)] long FoldedEvents,
    [property: Id(8)] KpiExcluded Excluded,
    [property: Id(9)] DateTimeOffset ComputedAt,
    [property: Id(10)] long EventsRead);

[GenerateSerializer, Immutable, Alias("cg.RetentionCohortValue")]
public sealed record RetentionCohortValue([property: Id(0)] string Day, [property: Id(1)] long People, [property: Id(2)] RateValue? Day1, [property: Id(3)] RateValue? Day7);

/// <summary>Retention by cohort (first-seen UTC day); a day not yet covered by the log is null.</summary>
[GenerateSerializer, Immutable, Alias("cg.RetentionResult")]
public sealed record RetentionResult(
    [property: Id(0)] DateTimeOffset? From,
    [property: Id(1)] DateTimeOffset? To,
    [property: Id(2)] IReadOnlyList<RetentionCohortValue> Cohorts,
    [property: Id(3)] KpiExcluded Excluded,
    [property: Id(4)] DateTimeOffset ComputedAt);

/// <summary>A person flagged as non-human: the rule, when, and the figures.</summary>
[GenerateSerializer, Immutable, Alias("cg.TrafficFlagValue")]
public sealed record TrafficFlagValue([property: Id(0)] string PersonId, [property: Id(1)] string Reason, [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Evidence);

/// <summary>What a computation did.</summary>
[GenerateSerializer, Immutable, Alias("cg.KpiComputation")]
public sealed record KpiRun(
    [property: Id(0)] DateTimeOffset? From,
    [property: Id(1)] DateTimeOffset? To,
    [property: Id(2)] long EventsRead,
    [property: Id(3)] double Seconds,
    [property: Id(4)] KpiExcluded Excluded,
    [property: Id(5)] IReadOnlyList<string> Dimensions,
    [property: Id(6)] DateTimeOffset ComputedAt);
