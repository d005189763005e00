namespace ContentGrains.Testing;

/// <summary>
/// A logged world whose clicks follow the slot a feed showed an item in, which the click model reads (log_slot) and the
/// weighted ranking does not: 40 people shown a feed of 8 of 24 items ("n00"-"n23") every hour; in the first phase the
/// top two slots are clicked 45 % of the time, in the second the bottom two, the rest 3 %. A click model trained on the
/// first phase beats the ranking on it, and on the second the ranking (blind to slots) beats that model. Events are in
/// time order (a feed's impressions in slot order; its clicks 3 minutes later, among other people's feeds); the last one closes the last
/// feeds' session windows so the replay can label them.
/// </summary>
public static class SlotClickWorld
{
    public const int Items = 24, People = 40, FeedLength = 8;

    /// <summary>One logged event: its id, person, item, type ("impression" or "click", or "view" for the closing one) and time.</summary>
    public sealed record LoggedEvent(string Id, string UserId, string ItemId, string Type, DateTimeOffset At);

    public static string ItemId(int i) => $"n{i:00}";
    /// <summary>Item <paramref name="i"/>'s title and its one tag: the same items whether they go in through grains or HTTP.</summary>
    public static string ItemTitle(int i) => $"News {i}";
    public static string ItemTag(int i) => i % 3 == 0 ? "world" : "local";

    /// <summary>
    /// Why the click gate retires the first phase's model once the second phase is logged, as the job, the version and
    /// the registry's champion reason say it (the retirement tests through grains and over HTTP).
    /// </summary>
    public const string RetiredReason = "heuristic-v1 beats champion v1 on the newest held-out feeds";

    /// <summary>
    /// <paramref name="hours"/> hourly feeds per person from <paramref name="start"/>; <paramref name="topSlotsClicked"/>: the
    /// first phase's pattern (slots 0-1), else the second's (slots 6-7). Ids carry <paramref name="phase"/> so the phases never collide.
    /// </summary>
    public static List<LoggedEvent> Phase(string phase, DateTimeOffset start, int hours, bool topSlotsClicked, int seed)
    {
        var random = new Random(seed);
        var events = new List<LoggedEvent>();
        for (var hour = 0; hour < hours; hour++)
            for (var person = 0; person < People; person++)
            {
                var shownAt = start.AddHours(hour).AddSeconds(person * 10);
                var clicks = new List<LoggedEvent>();
                for (var slot = 0; slot < FeedLength; slot++)
                {
                    var item = ItemId(random.Next(Items));
                    var id = $"{phase}-h{hour}-p{person}-s{slot}";
                    events.Add(new(id + "-impression", $"p{person}", item, "impression", shownAt));
                    var favoured = topSlotsClicked ? slot < 2 : slot >= FeedLength - 2;
                    if (random.NextDouble() < (favoured ? 0.45 : 0.03))
                        clicks.Add(new(id + "-click", $"p{person}", item, "click", shownAt.AddMinutes(3).AddSeconds(slot)));
                }
                events.AddRange(clicks);
            }
        events.Add(new($"{phase}-closing", "closer", ItemId(0), "view", start.AddHours(hours + 1)));
        return events.OrderBy(e => e.At).ToList(); // in time, as a live log is; a feed's impressions share a time and keep slot order
    }
}
