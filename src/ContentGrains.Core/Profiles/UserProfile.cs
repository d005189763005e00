using System.Collections.ObjectModel;
using ContentGrains.Core.Data;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;

namespace ContentGrains.Core.Profiles;

/// <summary>
/// A person's live profile. Plain data with public setters so grain storage can snapshot it as JSON;
/// the behaviour lives in <see cref="ProfileUpdater"/>.
/// <para>
/// A silo holds 100,000s of idle profiles after an import, so the maps are made on first use and <see cref="Compact"/>
/// (run once a snapshot is written) drops the empty ones and right-sizes the rest: an empty dictionary is 80 bytes, and
/// one grown by doubling holds up to twice the slots it needs. The getters make a missing map, so writers and the
/// snapshot's JSON (an empty map reads and writes as <c>{}</c>, as before) see no difference; the feed reads through
/// the <c>Read…</c> views, which make nothing.
/// </para>
/// </summary>
public sealed class UserProfile
{
    private Dictionary<string, DecayingValue>? interests, tagImpressions, channelEngagement;
    private Dictionary<string, long>? eventCounts;
    private Dictionary<string, DateTimeOffset>? lastActivityByChannel, consumed, disliked, recentlyShown;
    private RecencyOrder? consumedByRecency;

    /// <summary>Interest per tag, decaying with the configured half-life. Negative after dislikes.</summary>
    public Dictionary<string, DecayingValue> Interests { get => interests ??= Map<DecayingValue>(); set => interests = value; }
    /// <summary>Impressions per tag, decaying with the interests' half-life: what <see cref="TagResponse"/> divides interest by.</summary>
    public Dictionary<string, DecayingValue> TagImpressions { get => tagImpressions ??= Map<DecayingValue>(); set => tagImpressions = value; }
    /// <summary>Most recent first, bounded.</summary>
    public List<HistoryEntry> Recent { get; set; } = [];
    public Dictionary<string, long> EventCounts { get => eventCounts ??= Map<long>(); set => eventCounts = value; }
    /// <summary>Engagement weight per hour of day (UTC), decaying with the interests' half-life: when the person is active.</summary>
    public HourHistogram ActiveHours { get; set; } = new();
    /// <summary>Engagement weight per channel, decaying with the interests' half-life: where the person engages.</summary>
    public Dictionary<string, DecayingValue> ChannelEngagement { get => channelEngagement ??= Map<DecayingValue>(); set => channelEngagement = value; }
    public Dictionary<string, DateTimeOffset> LastActivityByChannel { get => lastActivityByChannel ??= Map<DateTimeOffset>(); set => lastActivityByChannel = value; }
    /// <summary>Items the person viewed, clicked, disliked or otherwise consumed, with the last time: the feed leaves them out.</summary>
    public Dictionary<string, DateTimeOffset> Consumed
    {
        get => consumed ??= Map<DateTimeOffset>();
        set => (consumed, consumedByRecency) = (value, null);
    }

    /// <summary>
    /// <see cref="Consumed"/> newest first, kept by <see cref="ProfileUpdater"/> with every change. Not stored: it is
    /// built once from <see cref="Consumed"/> when first needed after a snapshot is loaded or the profile compacted
    /// (internal, so the snapshot's JSON leaves it out).
    /// </summary>
    internal RecencyOrder ConsumedByRecency => consumedByRecency ??= RecencyOrder.Of(ReadConsumed);
    /// <summary>Items the person disliked (and has not engaged with since): never offered, never a model input.</summary>
    public Dictionary<string, DateTimeOffset> Disliked { get => disliked ??= Map<DateTimeOffset>(); set => disliked = value; }
    /// <summary>
    /// Items shown to the person (an impression) and not consumed since, with the last time shown; bounded by
    /// <see cref="ProfileSettings.RecentlyShownCapacity"/>. The feed moves them behind fresh candidates, so the next feed
    /// of a visit does not repeat the last one.
    /// </summary>
    public Dictionary<string, DateTimeOffset> RecentlyShown { get => recentlyShown ??= Map<DateTimeOffset>(); set => recentlyShown = value; }

    // Read-only views that make no map: what a feed of an idle profile reads.
    internal IReadOnlyDictionary<string, DecayingValue> ReadInterests => Read(interests);
    internal IReadOnlyDictionary<string, DecayingValue> ReadTagImpressions => Read(tagImpressions);
    internal IReadOnlyDictionary<string, DecayingValue> ReadChannelEngagement => Read(channelEngagement);
    internal IReadOnlyDictionary<string, long> ReadEventCounts => Read(eventCounts);
    internal IReadOnlyDictionary<string, DateTimeOffset> ReadLastActivityByChannel => Read(lastActivityByChannel);
    internal IReadOnlyDictionary<string, DateTimeOffset> ReadConsumed => Read(consumed);
    internal IReadOnlyDictionary<string, DateTimeOffset> ReadDisliked => Read(disliked);
    internal IReadOnlyDictionary<string, DateTimeOffset> ReadRecentlyShown => Read(recentlyShown);

    /// <summary>The person's latest event on any channel; null when none (a loop over the map: Values.Max() boxed its enumerator per feed).</summary>
    internal DateTimeOffset? LatestActivity()
    {
        if (lastActivityByChannel is null) return null;
        DateTimeOffset? latest = null;
        foreach (var at in lastActivityByChannel.Values)
            if (latest is not { } l || at > l) latest = at; // the first of equal instants, as Max() kept
        return latest;
    }

    /// <summary>
    /// Frees what an idle profile does not need, keeping every value: empty maps go (made again on first use), the others
    /// and the history lose their spare slots, and the consumed set's recency order goes (rebuilt from the set, one sort,
    /// when the next feed or event needs it). Run after a snapshot is written, not per event: a map trimmed on every
    /// event would grow again on the next.
    /// </summary>
    public void Compact()
    {
        (interests, tagImpressions, channelEngagement) = (Trimmed(interests), Trimmed(tagImpressions), Trimmed(channelEngagement));
        eventCounts = Trimmed(eventCounts);
        (lastActivityByChannel, consumed, disliked, recentlyShown) = (Trimmed(lastActivityByChannel), Trimmed(consumed), Trimmed(disliked), Trimmed(recentlyShown));
        consumedByRecency = null;
        if (Recent.Capacity > Recent.Count) Recent.Capacity = Recent.Count;
    }

    private static Dictionary<string, T>? Trimmed<T>(Dictionary<string, T>? map)
    {
        if (map is null || map.Count == 0) return null;
        map.TrimExcess();
        return map;
    }

    private static Dictionary<string, T> Map<T>() => new(StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, T> Read<T>(Dictionary<string, T>? map) => map is null ? ReadOnlyDictionary<string, T>.Empty : map;
}

public sealed record ProfileSettings
{
    public TimeSpan InterestHalfLife { get; init; } = TimeSpan.FromDays(14);
    public int RecentCapacity { get; init; } = 100;
    public int ConsumedCapacity { get; init; } = 5_000;
    /// <summary>About five feeds of 20-40 items: enough to cover a visit, small enough to scan when trimming.</summary>
    public int RecentlyShownCapacity { get; init; } = 200;
    /// <summary>
    /// How long an item shown without engagement stays behind fresh candidates: a visit, so its next feeds do not repeat
    /// the first. Not a day: a passed-over item was often never looked at (the lower slots of a feed are seen far less),
    /// and the person's answer to its tags already counts the pass (<see cref="TagResponse"/>). At 24 h a daily visitor's
    /// best items, shown once the day before, went behind everything on the next visit (the simulator's known people
    /// got 10.6 % more expected CTR at 1 h than at 24 h: bench/results/learning-gap-eighth-pass.json).
    /// </summary>
    public TimeSpan RecentlyShownFor { get; init; } = TimeSpan.FromHours(1);
    /// <summary>
    /// Imaginary impressions at the person's overall rate that every tag starts with (<see cref="TagResponse"/>): about
    /// a third of a feed of 10, so three showings without a click halve a tag's lift, and one click among them lifts it.
    /// </summary>
    public double ResponsePriorImpressions { get; init; } = 3;
}

/// <summary>Applies validated interactions to a <see cref="UserProfile"/>.</summary>
public sealed class ProfileUpdater(ProfileSettings settings)
{
    public ProfileSettings Settings => settings;

    public void Apply(UserProfile profile, Interaction e, IReadOnlyList<string> itemTags)
    {
        var typeName = e.Type.Name();
        profile.EventCounts[typeName] = profile.EventCounts.GetValueOrDefault(typeName) + 1;

        if (!profile.LastActivityByChannel.TryGetValue(e.Channel, out var last) || e.Timestamp > last)
            profile.LastActivityByChannel[e.Channel] = e.Timestamp;

        if (e.Type == EventType.Impression) CountImpression(profile.TagImpressions, itemTags, e.Timestamp);
        AddInterest(profile.Interests, e, itemTags);
        AddHabits(profile, e);

        InsertRecent(profile.Recent, new HistoryEntry(e.ItemId, e.Type, e.Timestamp, e.Channel));
        DateTimeOffset? consumedBefore = profile.ReadConsumed.TryGetValue(e.ItemId, out var consumed) ? consumed : null;
        if (e.Type == EventType.Impression) MarkShown(profile.RecentlyShown, e.ItemId, e.Timestamp, profile.ReadConsumed);
        else if (profile.ReadRecentlyShown.ContainsKey(e.ItemId)) profile.RecentlyShown.Remove(e.ItemId); // engaged (or disliked): the consumed set takes over
        if (e.Type.MarksConsumed()) MarkConsumed(profile, e.ItemId, e.Timestamp);
        if (e.Type == EventType.Dislike) MarkDisliked(profile.Disliked, e.ItemId, e.Timestamp, consumedBefore);
        else if (TrainingSetBuilder.IsPositive(e.Type) && profile.ReadDisliked.TryGetValue(e.ItemId, out var disliked) && e.Timestamp > disliked)
            profile.Disliked.Remove(e.ItemId);
    }

    /// <summary>Adds the interaction's engagement weight to each of the item's tags (the live profile and the click-log replay both call it).</summary>
    public void AddInterest(Dictionary<string, DecayingValue> interests, Interaction e, IReadOnlyList<string> itemTags)
    {
        var weight = EngagementWeights.For(e);
        if (weight == 0) return;
        foreach (var tag in itemTags)
        {
            var value = interests.GetValueOrDefault(tag);
            value.Add(weight, e.Timestamp, settings.InterestHalfLife);
            interests[tag] = value;
        }
    }

    /// <summary>Adds the interaction's engagement weight to its hour of day and its channel (dislikes and impressions add nothing).</summary>
    private void AddHabits(UserProfile profile, Interaction e)
    {
        var weight = EngagementWeights.For(e);
        if (weight <= 0) return;
        profile.ActiveHours.Add(weight, e.Timestamp, settings.InterestHalfLife);
        var channel = profile.ChannelEngagement.GetValueOrDefault(e.Channel);
        channel.Add(weight, e.Timestamp, settings.InterestHalfLife);
        profile.ChannelEngagement[e.Channel] = channel;
    }

    /// <summary>Counts one impression for each of the item's tags (the live profile and the click-log replay both call it).</summary>
    public void CountImpression(Dictionary<string, DecayingValue> impressions, IReadOnlyList<string> itemTags, DateTimeOffset at)
    {
        foreach (var tag in itemTags)
        {
            var value = impressions.GetValueOrDefault(tag);
            value.Add(1, at, settings.InterestHalfLife);
            impressions[tag] = value;
        }
    }

    /// <summary>
    /// An item is disliked while its latest event in time (of those that consume it) is a dislike; a tie goes to the
    /// dislike. Events may arrive out of time order, so a dislike that arrives after a later positive event does not
    /// count: the item was consumed after the dislike's time and is not disliked, so that positive came later.
    /// </summary>
    private static void MarkDisliked(Dictionary<string, DateTimeOffset> disliked, string itemId, DateTimeOffset at, DateTimeOffset? consumedBefore)
    {
        if (disliked.TryGetValue(itemId, out var last)) disliked[itemId] = Max(last, at);
        else if (consumedBefore is not { } consumed || consumed <= at) disliked[itemId] = at;
    }

    /// <summary>
    /// The feed's view of the person: interests now, everything consumed or disliked (never offered again), and the
    /// items engaged with — the recent ones newest first, then older ones newest first — as the model's input.
    /// </summary>
    public FeedUser FeedUserAt(string userId, UserProfile profile, DateTimeOffset now)
    {
        var interests = InterestsAt(profile, now);
        var lastSeen = profile.LatestActivity();
        // Shown-at times are the client's event clock: measured back from the person's latest event (when it is earlier
        // than now), a session is judged on that one clock. Against the server's clock, a client whose clock runs behind,
        // or a replay of past traffic, saw nothing as recently shown and got the same feed on every request of a visit.
        var shownClock = lastSeen is { } last && last < now ? last : now;
        return new FeedUser(userId, interests, new ExcludedItems(profile.ReadConsumed, profile.ReadDisliked), HistoryOf(profile))
        {
            Response = ResponseAt(profile, interests, now),
            RecentlyShown = ShownWithin(profile.ReadRecentlyShown, shownClock, settings.RecentlyShownFor),
            LastSeen = lastSeen,
        };
    }

    /// <summary>The items engaged with, the recent ones newest first, then the older consumed ones newest first; none disliked.</summary>
    private static string[] HistoryOf(UserProfile profile)
    {
        // Built in this thread's reused list and set and handed out as an exact copy: grown by doubling on every feed,
        // a new list and set were most of the person's view's bytes. The set holds the recent items only: the consumed
        // ids are the keys of one map (unique), so each is checked against the recent ones, not added.
        var (history, recent) = HistoryScratch.Take();
        try
        {
            foreach (var entry in profile.Recent)
                if (TrainingSetBuilder.IsPositive(entry.Type) && !profile.ReadDisliked.ContainsKey(entry.ItemId) && recent.Add(entry.ItemId))
                    history.Add(entry.ItemId);
            foreach (var itemId in profile.ConsumedByRecency.NewestFirstIds()) // kept in order: no sort per feed
                if (!profile.ReadDisliked.ContainsKey(itemId) && !recent.Contains(itemId))
                    history.Add(itemId);
            return history.ToArray();
        }
        finally { HistoryScratch.Return(history, recent); }
    }

    /// <summary>The working list and set of <see cref="HistoryOf"/>, one per thread (a feed's view is built without awaiting).</summary>
    private static class HistoryScratch
    {
        /// <summary>A list kept up to this capacity stays off the large-object heap (8 bytes an id).</summary>
        private const int MaxKept = 8_192;

        [ThreadStatic] private static List<string>? spareHistory;
        [ThreadStatic] private static HashSet<string>? spareRecent;

        public static (List<string> History, HashSet<string> Recent) Take()
        {
            var taken = (spareHistory ?? [], spareRecent ?? new HashSet<string>(StringComparer.Ordinal));
            (spareHistory, spareRecent) = (null, null);
            return taken;
        }

        /// <summary>Empties both (no id stays reachable) and keeps them for the thread's next feed when within bounds.</summary>
        public static void Return(List<string> history, HashSet<string> recent)
        {
            history.Clear();
            recent.Clear();
            if (history.Capacity <= MaxKept) (spareHistory, spareRecent) = (history, recent);
        }
    }

    /// <summary>The items shown within <paramref name="window"/> before <paramref name="clock"/>; the shared empty set when none (a loop: the LINQ chain made a closure and a set on every feed).</summary>
    private static IReadOnlySet<string> ShownWithin(IReadOnlyDictionary<string, DateTimeOffset> shown, DateTimeOffset clock, TimeSpan window)
    {
        HashSet<string>? recent = null;
        foreach (var (itemId, at) in shown)
            if (clock - at <= window) (recent ??= new HashSet<string>(StringComparer.Ordinal)).Add(itemId);
        return recent ?? FeedUser.NoneShown;
    }

    /// <summary>Records an impression unless the item was consumed at or after it; trims the oldest tenth when full.</summary>
    private void MarkShown(Dictionary<string, DateTimeOffset> shown, string itemId, DateTimeOffset at, IReadOnlyDictionary<string, DateTimeOffset> consumed)
    {
        if (consumed.TryGetValue(itemId, out var consumedAt) && consumedAt >= at) return;
        shown[itemId] = shown.TryGetValue(itemId, out var last) && last > at ? last : at;
        if (shown.Count <= settings.RecentlyShownCapacity) return;
        var keep = Math.Max(1, settings.RecentlyShownCapacity * 9 / 10);
        foreach (var oldest in shown.OrderBy(kv => kv.Value).Take(shown.Count - keep).Select(kv => kv.Key).ToList())
            shown.Remove(oldest);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>Interests decayed to <paramref name="now"/>, strongest first; values too small to matter are left out.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> InterestsAt(UserProfile profile, DateTimeOffset now) => InterestsAt(profile.ReadInterests, now);

    /// <summary>Interests decayed to <paramref name="now"/>, strongest first; values too small to matter are left out.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> InterestsAt(IReadOnlyDictionary<string, DecayingValue> interests, DateTimeOffset now)
    {
        // A loop and one sort in place: the LINQ chain (select, filter, two sort keys) made its closures, iterators and
        // key arrays on every feed. Ids are unique, so value then id is a total order and the unstable sort gives the same list.
        var decayed = new List<KeyValuePair<string, double>>(interests.Count);
        foreach (var (tag, value) in interests)
            if (value.ValueAt(now, settings.InterestHalfLife) is var at && Math.Abs(at) >= 1e-3) decayed.Add(KeyValuePair.Create(tag, at));
        decayed.Sort(StrongestFirst);
        return decayed;
    }

    private static readonly Comparison<KeyValuePair<string, double>> StrongestFirst = (a, b) =>
        a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key);

    /// <summary>The person's response to each tag now, from the interests now and the impressions decayed to now.</summary>
    public TagResponse ResponseAt(UserProfile profile, IReadOnlyList<KeyValuePair<string, double>> interestsNow, DateTimeOffset now) =>
        ResponseAt(interestsNow, profile.ReadTagImpressions, now);

    /// <summary>The response to each tag from interests already decayed to <paramref name="now"/> and the impressions per tag.</summary>
    public TagResponse ResponseAt(IReadOnlyList<KeyValuePair<string, double>> interestsNow, IReadOnlyDictionary<string, DecayingValue> impressions, DateTimeOffset now)
    {
        if (impressions.Count == 0) return TagResponse.None;
        var shownNow = new Dictionary<string, double>(impressions.Count, StringComparer.Ordinal);
        foreach (var (tag, value) in impressions) shownNow.Add(tag, value.ValueAt(now, settings.InterestHalfLife)); // no closure per feed
        return TagResponse.From(interestsNow, shownNow, settings.ResponsePriorImpressions);
    }

    private void InsertRecent(List<HistoryEntry> recent, HistoryEntry entry)
    {
        // Events may arrive out of time order; keep the list sorted newest first.
        var index = recent.FindIndex(h => h.Timestamp < entry.Timestamp);
        recent.Insert(index < 0 ? recent.Count : index, entry);
        if (recent.Count > settings.RecentCapacity) recent.RemoveRange(settings.RecentCapacity, recent.Count - settings.RecentCapacity);
    }

    private void MarkConsumed(UserProfile profile, string itemId, DateTimeOffset at)
    {
        var (consumed, recency) = (profile.Consumed, profile.ConsumedByRecency);
        DateTimeOffset? previous = consumed.TryGetValue(itemId, out var last) ? last : null;
        if (previous is null || at > last)
        {
            consumed[itemId] = at;
            recency.Move(itemId, previous, at);
        }
        if (consumed.Count <= settings.ConsumedCapacity) return;
        // Forget the oldest tenth at once, so trimming is rare rather than on every event.
        var keep = Math.Max(1, settings.ConsumedCapacity * 9 / 10);
        while (consumed.Count > keep)
        {
            var (oldestAt, oldest) = recency.Oldest;
            recency.Remove(oldest, oldestAt);
            consumed.Remove(oldest);
        }
    }
}
