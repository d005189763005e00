using ContentGrains.Core.Events;

namespace ContentGrains.Core.Kpis;

/// <summary>
/// The counts behind one KPI key: impressions, clicks, conversions and the dwell values. CTR is clicks / impressions
/// (only when there are impressions, and capped at the impressions: a click without a logged impression cannot raise
/// a rate above 1), conversion rate is conversions / clicks, dwell is the mean of events that carry dwell seconds.
/// Additive, so pages and live shards merge.
/// </summary>
public sealed class KpiTally
{
    public long Events { get; set; }
    public long Impressions { get; set; }
    public long Clicks { get; set; }
    public long Conversions { get; set; }
    public RunningMoments Dwell { get; set; } = new();

    public void Add(Interaction e)
    {
        Events++;
        switch (e.Type)
        {
            case EventType.Impression: Impressions++; break;
            case EventType.Click: Clicks++; break;
            case EventType.Conversion: Conversions++; break;
        }
        if (e.DwellSeconds > 0) Dwell.Add(e.DwellSeconds);
    }

    public void Merge(KpiTally other)
    {
        Events += other.Events;
        Impressions += other.Impressions;
        Clicks += other.Clicks;
        Conversions += other.Conversions;
        Dwell.Merge(other.Dwell);
    }

    /// <summary>Null when nothing was shown (a data set of interactions only has no CTR).</summary>
    public ProportionInterval? Ctr(double confidence) =>
        Impressions > 0 ? ProportionInterval.Wilson(Math.Min(Clicks, Impressions), Impressions, confidence) : null;

    public ProportionInterval? ConversionRate(double confidence) =>
        Clicks > 0 ? ProportionInterval.Wilson(Math.Min(Conversions, Clicks), Clicks, confidence) : null;

    public MeanInterval? MeanDwell(double confidence) => Dwell.Count > 0 ? MeanInterval.Of(Dwell, confidence) : null;
}
