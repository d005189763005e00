using ContentGrains.Core.Click;

namespace ContentGrains.Core.Events;

/// <summary>
/// The slot of each impression in a batch of logged events, read as <see cref="ClickLogReplay"/> reads the log: a run of
/// one person's impressions, each within <see cref="ClickLogReplay.FeedGap"/> of the one before, is one shown feed,
/// its slots in log order. An engagement gets the slot where the same person was last shown the item in the batch
/// (<see cref="Engagement.IsEngaged"/>), so an item's clicks per slot can be set against the platform's.
/// Events keep no slot when the batch cannot tell it: an engagement whose impression came in an earlier batch. A feed
/// whose impressions were split over two batches starts over at slot 0 in the second (the simulator and a client that
/// posts a feed's events together never split one).
/// </summary>
public static class ImpressionSlots
{
    /// <summary>One slot (or null) per event, in the order given, which must be log order.</summary>
    public static int?[] Of(IReadOnlyList<Interaction> events)
    {
        var slots = new int?[events.Count];
        Dictionary<string, OpenFeed>? feeds = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Type == EventType.Impression)
            {
                feeds ??= new(StringComparer.Ordinal);
                if (!feeds.TryGetValue(e.UserId, out var feed)) feeds[e.UserId] = feed = new OpenFeed();
                var continues = feed.LastShown is { } last && e.Timestamp >= last && e.Timestamp - last <= ClickLogReplay.FeedGap;
                feed.Next = continues ? feed.Next + 1 : 0;
                feed.LastShown = e.Timestamp;
                feed.SlotOf[e.ItemId] = feed.Next;
                slots[i] = feed.Next;
            }
            else if (Engagement.IsEngaged(e) && feeds is not null && feeds.TryGetValue(e.UserId, out var feed) && feed.SlotOf.TryGetValue(e.ItemId, out var slot))
                slots[i] = slot;
        }
        return slots;
    }

    private sealed class OpenFeed
    {
        public DateTimeOffset? LastShown;
        public int Next;
        /// <summary>Each item's latest slot for this person in the batch.</summary>
        public readonly Dictionary<string, int> SlotOf = new(StringComparer.Ordinal);
    }
}
