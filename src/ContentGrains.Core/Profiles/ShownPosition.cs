namespace ContentGrains.Core.Profiles;

/// <summary>
/// Where in its feed an impression was, and how much it counts. Impression events carry no slot, so the slot is
/// read the way the click-log replay reads feeds: a person's impressions each logged within <see cref="FeedGap"/> of
/// the previous one are one feed, their slots in log order. A lower slot is read less often, so an impression counts
/// 1 / log2(slot + 2), the discount of DCG: slot 0 counts 1, slot 9 0.29. A tag passed over at the bottom of a feed
/// is weaker evidence than one passed over at the top.
/// </summary>
public static class ShownPosition
{
    /// <summary>
    /// Impressions of one person logged within this time of the previous one, with no other event between, are one
    /// shown feed. A client logs each slot as it renders, so one feed's impressions rarely share a timestamp to the millisecond.
    /// </summary>
    public static readonly TimeSpan FeedGap = TimeSpan.FromSeconds(2);

    /// <summary>How much an impression at <paramref name="slot"/> (0 = top) counts: 1 / log2(slot + 2).</summary>
    public static double Weight(int slot) => slot < 0 ? 1 : 1 / Math.Log2(slot + 2);

    /// <summary>The slot of an impression at <paramref name="at"/>, after the person's previous impression (null: none) at <paramref name="previousSlot"/>.</summary>
    public static int SlotAfter(DateTimeOffset? previous, int previousSlot, DateTimeOffset at) =>
        previous is { } last && at >= last && at - last <= FeedGap ? previousSlot + 1 : 0;
}
