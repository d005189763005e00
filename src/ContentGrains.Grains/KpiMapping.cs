using ContentGrains.Abstractions;
using ContentGrains.Core.Kpis;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Grains;

/// <summary>Core's KPI results as the records that cross the wire.</summary>
public static class KpiMapping
{
    public static RateValue? ToWire(this ProportionInterval? p) => p is null ? null : new RateValue(p.Successes, p.Trials, p.Value, p.Low, p.High);

    public static MeanValue? ToWire(this MeanInterval? m) => m is null ? null : new MeanValue(m.Count, m.Mean, m.Low, m.High);

    public static KpiValues ToWire(this KpiRow row) =>
        new(row.Key, row.Events, row.Impressions, row.Clicks, row.Conversions, row.Ctr.ToWire(), row.ConversionRate.ToWire(), row.Dwell.ToWire());

    public static KpiExcluded ToWire(this TrafficExclusionSummary s) =>
        new(s.FlaggedPersons, s.FlaggedByReason, s.ExcludedEvents, s.ExcludedEventsByReason, s.IncludedEvents);

    public static TrafficFlagValue ToWire(this TrafficFlag flag) => new(flag.PersonId, flag.ReasonName, flag.At, flag.Evidence);

    public static TrafficFlag ToCore(this TrafficFlagValue flag) => new(flag.PersonId, FlagReasons.Parse(flag.Reason), flag.At, flag.Evidence);

    public static KpiBreakdownResult? Breakdown(this KpiReport report, string by, DateTimeOffset computedAt) =>
        report.Dimensions.TryGetValue(by, out var table)
            ? new KpiBreakdownResult(by, report.From, report.To, report.ProportionInterval, report.MeanInterval, report.Overall.ToWire(),
                table.Rows.Select(r => r.ToWire()).ToList(), table.FoldedEvents, report.Excluded.ToWire(), computedAt, report.EventsRead)
            : null;

    /// <summary>Cohorts first seen in [from, to): the report's retention covers every cohort; the window picks days.</summary>
    public static RetentionResult Retention(this KpiReport report, KpiWindow cohortDays, DateTimeOffset computedAt) =>
        new(cohortDays.From, cohortDays.To,
            report.Retention
                .Where(c => cohortDays.Contains(DateTimeOffset.Parse(c.Day + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)))
                .Select(c => new RetentionCohortValue(c.Day, c.People, c.Day1.ToWire(), c.Day7.ToWire())).ToList(),
            report.Excluded.ToWire(), computedAt);
}
