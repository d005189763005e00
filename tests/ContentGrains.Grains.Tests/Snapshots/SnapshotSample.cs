using ContentGrains.Core.Channels;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Grains.Tests.Snapshots;

/// <summary>
/// A user snapshot with something in every part (every event type, two channels, out-of-order events, impressions,
/// a dislike, recently shown items, a send with its open and click, "see less", topic interests, the applied window),
/// built by the engine's own updaters. Its JSON as written by the code before the compact profile is stored in
/// <c>user-snapshot-before-compact.json</c>: the snapshot format of that code, which later code must keep reading.
/// </summary>
public static class SnapshotSample
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly (string Item, EventType Type, int Minutes, string Channel, double Dwell)[] Script =
    [
        ("m1", EventType.Impression, 0, "web", 0), ("m2", EventType.Impression, 0, "web", 0), ("m3", EventType.Impression, 0, "app", 0),
        ("m1", EventType.Click, 2, "web", 0), ("m1", EventType.Dwell, 3, "web", 95), ("m2", EventType.Like, 9, "web", 0),
        ("m4", EventType.View, 7, "app", 0), // out of time order
        ("m5", EventType.Dislike, 12, "app", 0), ("m6", EventType.Share, 30, "web", 0), ("m7", EventType.Comment, 31, "web", 0),
        ("m8", EventType.Conversion, 70, "email", 0), ("m9", EventType.Impression, 75, "email", 0), ("m2", EventType.View, 200, "app", 12),
    ];

    private static readonly Dictionary<string, string[]> Tags = new(StringComparer.Ordinal)
    {
        ["m1"] = ["drama", "romance"], ["m2"] = ["comedy"], ["m3"] = ["drama"], ["m4"] = ["thriller", "crime"], ["m5"] = ["horror"],
        ["m6"] = ["comedy", "drama"], ["m7"] = ["documentary"], ["m8"] = ["comedy"], ["m9"] = ["sci-fi"],
    };

    public static IReadOnlyList<LoggedInteraction> Events() => Script
        .Select((s, i) => new LoggedInteraction(100 + 7 * i, new Interaction($"e{i}", "sample-user", s.Item, s.Type, T0.AddMinutes(s.Minutes), s.Channel, s.Dwell, null, null)))
        .ToList();

    public static IReadOnlyList<string> TagsOf(string itemId) => Tags.GetValueOrDefault(itemId) ?? [];

    public static UserState Build()
    {
        var state = new UserState();
        var updater = new ProfileUpdater(new EngineOptions().Profile);
        state.Exposure.Record(ChannelSend.Of("email", "m8", T0.AddMinutes(60)));
        state.Exposure.TimeZone = "Europe/Paris";
        foreach (var logged in Events())
        {
            state.Applied.TryMark(logged.Sequence, replay: false);
            updater.Apply(state.Profile, logged.Event, TagsOf(logged.Event.ItemId));
            state.Exposure.Apply(logged.Event);
            state.Topics.Add(3, [0.7f, 0.02f, 0.28f], EngagementWeights.For(logged.Event), logged.Event.Timestamp, TimeSpan.FromDays(14));
        }
        return state;
    }
}
