using ContentGrains.Core.Profiles;
using ContentGrains.Grains;

namespace ContentGrains.Bench.GrainMemory;

/// <summary>
/// The user grain's state broken down by part: N states built as the grain builds them (pooled channels and tags, one
/// string per item id as the catalog view gives), measured whole before and after <see cref="UserState.Compact"/> (what
/// an idle grain holds after its snapshot: the profile packed), then unpacked and compacted as objects, and with one part
/// at a time replaced by a single instance shared by all N: the heap's drop is that part's bytes per person. Packing and
/// unpacking are timed (one thread, all N in a row: the cost of a snapshot and of the first call after it).
/// </summary>
public static class ProfileParts
{
    /// <param name="BytesAfterCompact">With the profile unpacked and compacted (the objects a serving grain holds).</param>
    /// <param name="BytesPacked">After <see cref="UserState.Compact"/>: the profile packed (what an idle grain holds).</param>
    public sealed record Breakdown(double BytesBeforeCompact, double BytesAfterCompact, IReadOnlyList<KeyValuePair<string, double>> Parts,
        double BytesPacked, double PackedProfileBytes, double PackMicroseconds, double UnpackMicroseconds);

    public static Breakdown Measure(RatedProfiles profiles, int people, long sequenceBlock)
    {
        var updater = new ProfileUpdater(new EngineOptions().Profile);
        var itemIds = profiles.ItemTags.Keys.ToDictionary(k => k, k => k, StringComparer.Ordinal);
        var before = HeapProbe.LiveBytes();
        var states = new List<UserState>(people);
        for (var i = 0; i < people; i++) states.Add(Build(profiles.EventsOf(i, $"p{i}", (i + 1) * sequenceBlock), updater, itemIds));
        var whole = HeapProbe.LiveBytes();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var s in states) s.Compact();
        var packSeconds = clock.Elapsed.TotalSeconds;
        var packed = HeapProbe.LiveBytes();
        var packedProfileBytes = states.Average(s => s.PackedProfileBytes() ?? 0);
        // The parts as objects: each state's profile unpacked (what a grain holds while it serves), then compacted.
        clock.Restart();
        foreach (var s in states) GC.KeepAlive(s.Profile);
        var unpackSeconds = clock.Elapsed.TotalSeconds;
        foreach (var s in states) s.Profile.Compact();
        var compact = HeapProbe.LiveBytes();
        var parts = new List<KeyValuePair<string, double>>();
        var last = compact;
        void Part(string name, Action<UserState> strip)
        {
            foreach (var s in states) strip(s);
            var now = HeapProbe.LiveBytes();
            parts.Add(KeyValuePair.Create(name, Math.Round((last - now) / (double)people)));
            last = now;
        }
        var (emptyHistory, emptyTimes, emptyValues, emptyCounts, emptyHours) =
            (new List<HistoryEntry>(), new Dictionary<string, DateTimeOffset>(), new Dictionary<string, DecayingValue>(), new Dictionary<string, long>(), new HourHistogram());
        Part("profile.recent (history, up to 100 entries)", s => s.Profile.Recent = emptyHistory);
        Part("profile.consumed", s => s.Profile.Consumed = emptyTimes);
        Part("profile.interests", s => s.Profile.Interests = emptyValues);
        Part("profile.tagImpressions", s => s.Profile.TagImpressions = emptyValues);
        Part("profile.eventCounts", s => s.Profile.EventCounts = emptyCounts);
        Part("profile.activeHours", s => s.Profile.ActiveHours = emptyHours);
        Part("profile.channelEngagement", s => s.Profile.ChannelEngagement = emptyValues);
        Part("profile.lastActivityByChannel", s => s.Profile.LastActivityByChannel = emptyTimes);
        Part("profile.disliked", s => s.Profile.Disliked = emptyTimes);
        Part("profile.recentlyShown", s => s.Profile.RecentlyShown = emptyTimes);
        var (profile, exposure, applied, topics) = (new UserProfile(), new Core.Channels.PersonExposure(), new Core.Log.AppliedWindow(), new Core.Topics.TopicInterests());
        Part("profile object (its fields)", s => s.Profile = profile);
        Part("exposure (sends, see-less, time zone)", s => s.Exposure = exposure);
        Part("applied-sequence window", s => s.Applied = applied);
        Part("topic interests", s => s.Topics = topics);
        states.Clear();
        states.TrimExcess();
        Part("state object (+ this list's slot)", _ => { });
        GC.KeepAlive(states);
        return new Breakdown(Math.Round((whole - before) / (double)people), Math.Round((compact - before) / (double)people), parts,
            Math.Round((packed - before) / (double)people), Math.Round(packedProfileBytes),
            Math.Round(packSeconds * 1e6 / people, 2), Math.Round(unpackSeconds * 1e6 / people, 2));
    }

    private static UserState Build(List<TaggedEventMessage> events, ProfileUpdater updater, Dictionary<string, string> itemIds)
    {
        var state = new UserState();
        foreach (var t in events)
        {
            var e = t.Event.ToInteraction();
            e = e with { ItemId = itemIds.GetValueOrDefault(e.ItemId) ?? e.ItemId, Channel = SharedStrings.Channel(e.Channel) };
            state.Applied.TryMark(t.Event.Sequence, replay: false);
            updater.Apply(state.Profile, e, SharedStrings.Tags(t.ItemTags));
            state.Exposure.Apply(e);
        }
        return state;
    }
}
