using ContentGrains.Core.Events;

namespace ContentGrains.Core.Click;

/// <summary>
/// What counts as engaging with a shown item, for the click model's label and for an item's CTR windows: a click, a
/// like or a share, or any event that reports a read of at least <see cref="LongDwellSeconds"/>. A view alone is not
/// an engagement (a feed that opens the item logs one without the person choosing it).
/// </summary>
public static class Engagement
{
    /// <summary>A read this long means the person chose to stay (the usual "long click" threshold for news).</summary>
    public const double LongDwellSeconds = 30;

    public static bool IsEngaged(Interaction e) =>
        e.Type is EventType.Click or EventType.Like or EventType.Share || e.DwellSeconds >= LongDwellSeconds;
}
