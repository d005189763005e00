using ContentGrains.Core.Events;

namespace ContentGrains.Core.Kpis;

/// <summary>
/// Adds events to the overall tally, to every dimension's breakdown and to the retention cohorts. It counts what it is
/// given: leaving non-human traffic out is the caller's job (<see cref="Traffic.TrafficExclusion"/>), so one class
/// serves the paged job and the live shards alike.
/// </summary>
public sealed class KpiAccumulator
{
    public const int DefaultMaxKeys = 100_000;

    /// <param name="retention">
    /// Whether to keep the retention cohorts (an entry per person). The live day's accumulator does not: one day holds no
    /// day-1 or day-7 return, nothing reads its cohorts, and the entries were about 50-70 B per person active that day on
    /// each silo (docs/scale.md, "Live heap per person, session 11: KPI shards without retention cohorts, …").
    /// </param>
    public KpiAccumulator(IEnumerable<KpiDimension> dimensions, int maxKeysPerDimension = DefaultMaxKeys, bool retention = true)
    {
        Breakdowns = dimensions.ToDictionary(d => d.Name, d => new KpiBreakdown(d, maxKeysPerDimension), StringComparer.Ordinal);
        Retention = retention ? new RetentionCohorts() : null;
    }

    public KpiTally Overall { get; } = new();
    public IReadOnlyDictionary<string, KpiBreakdown> Breakdowns { get; }
    /// <summary>The retention cohorts; null when this accumulator was made without them.</summary>
    public RetentionCohorts? Retention { get; }

    public void Add(Interaction e)
    {
        Overall.Add(e);
        foreach (var breakdown in Breakdowns.Values) breakdown.Add(e);
        Retention?.Add(e);
    }

    /// <summary>The table of one dimension; null when this accumulator does not break down by it.</summary>
    public KpiTable? Table(string dimension, double confidence = 0.95) =>
        Breakdowns.TryGetValue(dimension, out var breakdown) ? KpiTable.Of(breakdown, confidence) : null;
}
