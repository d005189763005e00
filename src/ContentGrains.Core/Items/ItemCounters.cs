using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Items;

/// <summary>Live counters of one item. Plain data so grain storage can snapshot it.</summary>
public sealed class ItemCounters
{
    public long Impressions { get; set; }
    public long Views { get; set; }
    public long Clicks { get; set; }
    public long Likes { get; set; }
    public long Shares { get; set; }
    public long Comments { get; set; }
    public long Dislikes { get; set; }
    public long Conversions { get; set; }
    public double DwellSeconds { get; set; }
    /// <summary>All applied events; orders competing popularity reports.</summary>
    public long EventsApplied { get; set; }
    /// <summary>Engagement decaying with the trending half-life: what "popular right now" means.</summary>
    public DecayingValue Trend { get; set; }
    /// <summary>Impressions and engagements over recent windows: the click model's popularity and CTR signals.</summary>
    public Click.RecentWindows Windows { get; set; } = new();

    public void Apply(Interaction e, TimeSpan trendHalfLife)
    {
        switch (e.Type)
        {
            case EventType.Impression: Impressions++; break;
            case EventType.View: Views++; break;
            case EventType.Click: Clicks++; break;
            case EventType.Like: Likes++; break;
            case EventType.Share: Shares++; break;
            case EventType.Comment: Comments++; break;
            case EventType.Dislike: Dislikes++; break;
            case EventType.Conversion: Conversions++; break;
            case EventType.Dwell: break; // its seconds are added below, as for any event that carries them
        }
        DwellSeconds += e.DwellSeconds;
        EventsApplied++;
        Windows.Record(e);
        var weight = EngagementWeights.For(e);
        if (weight > 0)
        {
            var trend = Trend;
            trend.Add(weight, e.Timestamp, trendHalfLife);
            Trend = trend;
        }
    }

    /// <summary>(clicks + a) / (shown + b): a Beta(a, b − a) prior keeps new items near a/b instead of 0 or 1.</summary>
    public double SmoothedCtr(double priorClicks, double priorImpressions) => SmoothedCtr(Performance.CtrPrior.Of(priorClicks, priorImpressions));

    /// <summary>The CTR smoothed toward <paramref name="prior"/> (the fixed one, or the CTR model's prediction for this item).</summary>
    public double SmoothedCtr(Performance.CtrPrior prior) => prior.Smooth(Clicks, Impressions);
}
