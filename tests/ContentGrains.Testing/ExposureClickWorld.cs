namespace ContentGrains.Testing;

/// <summary>
/// A logged world whose clicks follow how often an item is shown, which the click model reads (its impressions and CTR
/// windows) and the weighted ranking does not (its popularity counts clicks, and every item has the same tag and age):
/// 40 people shown a feed of 8 of 24 items ("n00"-"n23") every hour, the even items four times as often as the odd ones.
/// In the first phase the rarely shown items are clicked 32 % of the time and the often shown ones 8 %, so both kinds
/// gather clicks alike and only their CTR tells them apart: a click model trained on it beats the ranking. In the second
/// the often shown ones are clicked 32 % and the rare ones 2 %: the ranking's click counts follow, and that model, which
/// learned that much shown means little taken, loses to it. Slots carry no signal, since the click gate judges a model at
/// the slot the live feed scores at. Events are in time order (a feed's impressions in slot order; its clicks 3 minutes
/// later, among other people's feeds); the last one closes the last feeds' session windows so the replay can label them.
/// </summary>
public static class ExposureClickWorld
{
    public const int Items = 24, People = 40, FeedLength = 8;

    /// <summary>How many times as often an even ("often shown") item is drawn into a feed as an odd one.</summary>
    private const int OftenWeight = 4;

    /// <summary>One logged event: its id, person, item, type ("impression" or "click", or "view" for the closing one) and time.</summary>
    public sealed record LoggedEvent(string Id, string UserId, string ItemId, string Type, DateTimeOffset At);

    public static string ItemId(int i) => $"n{i:00}";
    /// <summary>Item <paramref name="i"/>'s title and its tag, the same for all: the same items whether they go in through grains or HTTP.</summary>
    public static string ItemTitle(int i) => $"News {i}";
    public static string ItemTag(int i) => "news";

    /// <summary>
    /// Why the click gate retires the first phase's model once the second phase is logged, as the job, the version and
    /// the registry's champion reason say it (the retirement tests through grains and over HTTP).
    /// </summary>
    public const string RetiredReason = "heuristic-v1 beats champion v1 on the newest held-out feeds";

    /// <summary>
    /// <paramref name="hours"/> hourly feeds per person from <paramref name="start"/>; <paramref name="rareItemsClicked"/>: the
    /// first phase's pattern, else the second's. Ids carry <paramref name="phase"/> so the phases never collide.
    /// </summary>
    public static List<LoggedEvent> Phase(string phase, DateTimeOffset start, int hours, bool rareItemsClicked, int seed)
    {
        var random = new Random(seed);
        var (often, rare) = rareItemsClicked ? (0.08, 0.32) : (0.32, 0.02);
        var events = new List<LoggedEvent>();
        for (var hour = 0; hour < hours; hour++)
            for (var person = 0; person < People; person++)
            {
                var shownAt = start.AddHours(hour).AddSeconds(person * 10);
                var clicks = new List<LoggedEvent>();
                for (var slot = 0; slot < FeedLength; slot++)
                {
                    var index = Draw(random);
                    var id = $"{phase}-h{hour}-p{person}-s{slot}";
                    events.Add(new(id + "-impression", $"p{person}", ItemId(index), "impression", shownAt));
                    if (random.NextDouble() < (index % 2 == 0 ? often : rare))
                        clicks.Add(new(id + "-click", $"p{person}", ItemId(index), "click", shownAt.AddMinutes(3).AddSeconds(slot)));
                }
                events.AddRange(clicks);
            }
        events.Add(new($"{phase}-closing", "closer", ItemId(0), "view", start.AddHours(hours + 1)));
        return events.OrderBy(e => e.At).ToList(); // in time, as a live log is; a feed's impressions share a time and keep slot order
    }

    /// <summary>An item index, the even ones <see cref="OftenWeight"/> times as likely as the odd ones.</summary>
    private static int Draw(Random random)
    {
        var pick = random.Next(Items / 2 * (OftenWeight + 1));
        return pick < Items / 2 * OftenWeight ? pick / OftenWeight * 2 : (pick - Items / 2 * OftenWeight) * 2 + 1;
    }
}
