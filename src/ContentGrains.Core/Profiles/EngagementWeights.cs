using ContentGrains.Core.Events;

namespace ContentGrains.Core.Profiles;

/// <summary>
/// How much one interaction says about a person's interest. Strong, deliberate signals (share, conversion)
/// count more than passive ones (view); a dislike counts against. Dwell adds up to 3 for long reads.
/// </summary>
public static class EngagementWeights
{
    public static double For(Interaction e)
    {
        var baseWeight = e.Type switch
        {
            EventType.Impression => 0.0,
            EventType.View => 1.0,
            EventType.Click => 2.0,
            EventType.Like => 3.0,
            EventType.Comment => 3.0,
            EventType.Share => 4.0,
            EventType.Conversion => 5.0,
            EventType.Dislike => -3.0,
            EventType.Dwell => 0.0,
            _ => 0.0,
        };
        return baseWeight + Math.Min(e.DwellSeconds / 30.0, 3.0);
    }
}
