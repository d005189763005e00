using ContentGrains.Core.Events;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Events;

public sealed class ImpressionSlotsTests
{
    private static Interaction Shown(string user, string item, double msAfter) => Event(EventType.Impression, item, T0.AddMilliseconds(msAfter), userId: user);

    [Fact]
    public void A_persons_run_of_impressions_is_one_feed_and_a_click_takes_the_slot_it_was_shown_in()
    {
        Interaction[] batch =
        [
            Shown("ann", "a", 0), Shown("ann", "b", 1),
            Event(EventType.Click, "b", T0.AddSeconds(3), userId: "ann"),
            Shown("bob", "a", 1),                                      // another person's feed: their own slot 0
            Shown("ann", "c", 2),
            Event(EventType.Dwell, "b", T0.AddSeconds(40), dwellSeconds: 37, userId: "ann"), // a long read engages too
            Event(EventType.View, "c", T0.AddSeconds(4), userId: "ann"),  // not an engagement: no slot
            Event(EventType.Click, "z", T0.AddSeconds(4), userId: "ann"), // never shown in this batch: no slot
            Shown("ann", "d", 90_000),                                 // the visit's next feed, 90 s later
        ];

        Assert.Equal([0, 1, 1, 0, 2, 1, null, null, 0], ImpressionSlots.Of(batch));
    }

    [Fact]
    public void An_impression_logged_before_the_previous_one_starts_a_new_feed()
    {
        Assert.Equal([0, 0], ImpressionSlots.Of([Shown("ann", "a", 10), Shown("ann", "b", 5)]));
    }
}
