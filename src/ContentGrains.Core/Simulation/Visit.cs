namespace ContentGrains.Core.Simulation;

/// <summary>
/// One visit of one person: asks for up to MaxFeedsPerSession feeds, a minute and a half apart, reacts to each as the oracle
/// says (each slot examined with its position probability, clicked with the item's appeal when the feed was shown, then
/// dwell and maybe a like), sends the events back, and leaves early after Patience unrewarding feeds in a row. All random
/// draws come from the visit's own stream, so the same feeds always get the same reactions.
/// </summary>
public sealed class Visit(SimWorld world, SimPerson person, PersonState state, int day, DateTimeOffset start, string eventPrefix, string channel)
{
    public static readonly TimeSpan BetweenFeeds = TimeSpan.FromSeconds(90);

    private readonly SimRandom random = SimRandom.For(world.Settings.Seed, SimRandom.Streams.Session, person.Index * 65_536 + day);
    private readonly SessionState session = new(channel);

    /// <summary>True when the visit ended because the person ran out of patience, not because they had seen enough feeds.</summary>
    public bool Left { get; private set; }

    public async Task<IReadOnlyList<FeedOutcome>> RunAsync(IFeedSource source, int feedSize, CancellationToken cancel)
    {
        var outcomes = new List<FeedOutcome>();
        for (var n = 0; n < world.Settings.MaxFeedsPerSession; n++)
        {
            var at = start + n * BetweenFeeds;
            var feed = await source.GetFeedAsync(person, state, session, at, feedSize, cancel);
            var outcome = React(n, feed.ItemIds, at, feed.Variants);
            if (outcome.Events.Count > 0) await source.SendEventsAsync(outcome.Events, cancel);
            outcomes.Add(outcome);
            session.RecordFeed(outcome.Clicks > 0);
            if (session.UnrewardedFeedsInARow >= person.Patience) { Left = true; break; }
        }
        state.LastVisitDay = day;
        state.LastVisitClicks = session.Clicks;
        return outcomes;
    }

    /// <summary>The reaction to one feed, shown at <paramref name="at"/> with the headline <paramref name="variants"/> the feed
    /// chose per slot (the planted variant lifts its item's appeal); updates the session and the person's consumed items.</summary>
    public FeedOutcome React(int feedNumber, IReadOnlyList<string> itemIds, DateTimeOffset at, IReadOnlyList<string?>? variants = null)
    {
        var oracleBest = world.Policy.BestExpectedClicks(person, state, session, at, itemIds.Count);
        var randomFeed = world.Policy.RandomExpectedClicks(person, state, session, at, itemIds.Count);
        var items = itemIds.Select(world.Find).ToList();
        // Appeal is fixed when the feed is shown: fatigue from this feed's clicks acts on the next feed, so each slot's
        // oracle probability is exactly its chance of a click, and the oracle's ordering is exactly the best feed.
        var appeals = items.Select((item, k) => item is null ? 0
            : Math.Min(1, world.Oracle.Appeal(person, state, session, item, at) * world.Headlines.ClickFactor(item.Index, VariantAt(variants, k)))).ToList();
        var slots = new List<SlotOutcome>(items.Count);
        var events = new List<SimEvent>(items.Count * 2);
        for (var k = 0; k < items.Count; k++)
        {
            var id = $"{eventPrefix}-{person.Id}-d{day}-f{feedNumber}-s{k}";
            var shownAt = at + TimeSpan.FromMilliseconds(k);
            events.Add(new SimEvent(id + "-impression", person.Id, itemIds[k], "impression", shownAt, channel, Variant: VariantAt(variants, k)));
            slots.Add(ReactToSlot(items[k], itemIds[k], k, appeals[k], at, id, shownAt, events, VariantAt(variants, k)));
        }
        foreach (var item in items) if (item is not null) session.RecordShown(item.Index);
        return new FeedOutcome(feedNumber, at, slots, events, oracleBest, randomFeed);
    }

    private SlotOutcome ReactToSlot(ItemTraits? item, string itemId, int slot, double appeal, DateTimeOffset at, string id,
        DateTimeOffset shownAt, List<SimEvent> events, string? variant)
    {
        var probability = world.Oracle.Examine(slot) * appeal;
        var examined = random.Chance(world.Oracle.Examine(slot));
        if (item is null || !examined || !random.Chance(appeal)) return new SlotOutcome(itemId, slot, probability, examined, false, 0, false);
        var attraction = world.Oracle.Attraction(person, item, at);

        session.RecordClick(item.PrimaryTopic);
        state.Consumed.Add(item.Index);
        var clickAt = shownAt + TimeSpan.FromSeconds(2 + slot);
        // Dwell grows with how much the person likes the item, with a log-normal spread.
        var dwell = Math.Round(5 + 150 * attraction * Math.Exp(0.5 * random.Normal()), 1);
        var liked = random.Chance(world.Settings.LikeGivenClick * attraction);
        events.Add(new SimEvent(id + "-click", person.Id, itemId, "click", clickAt, channel, Variant: variant));
        events.Add(new SimEvent(id + "-dwell", person.Id, itemId, "dwell", clickAt + TimeSpan.FromSeconds(dwell), channel, dwell));
        if (liked) events.Add(new SimEvent(id + "-like", person.Id, itemId, "like", clickAt + TimeSpan.FromSeconds(dwell + 1), channel));
        return new SlotOutcome(itemId, slot, probability, true, true, dwell, liked);
    }

    private static string? VariantAt(IReadOnlyList<string?>? variants, int slot) => variants is not null && slot < variants.Count ? variants[slot] : null;
}
