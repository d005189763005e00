namespace ContentGrains.Core.Kpis;

/// <summary>The KPIs of one key of a dimension, with their intervals (Wilson for CTR and conversion rate, Student t for
/// mean dwell) and the counts they come from. A KPI without a denominator (no impressions, no clicks, no dwell) is null.</summary>
public sealed record KpiRow(
    string Key,
    long Events,
    long Impressions,
    long Clicks,
    long Conversions,
    ProportionInterval? Ctr,
    ProportionInterval? ConversionRate,
    MeanInterval? Dwell)
{
    public static KpiRow Of(string key, KpiTally tally, double confidence) => new(
        key, tally.Events, tally.Impressions, tally.Clicks, tally.Conversions,
        tally.Ctr(confidence), tally.ConversionRate(confidence), tally.MeanDwell(confidence));
}

/// <summary>One dimension's rows, largest first, and how many events were folded into "(other)" by the key bound.</summary>
public sealed record KpiTable(string Dimension, IReadOnlyList<KpiRow> Rows, long FoldedEvents, int MaxKeys)
{
    public static KpiTable Of(KpiBreakdown breakdown, double confidence) => new(
        breakdown.Dimension.Name,
        breakdown.Tallies
            .OrderByDescending(kv => kv.Value.Events).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KpiRow.Of(kv.Key, kv.Value, confidence)).ToList(),
        breakdown.FoldedEvents,
        breakdown.MaxKeys);
}
