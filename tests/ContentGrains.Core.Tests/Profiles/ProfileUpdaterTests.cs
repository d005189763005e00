using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Profiles;

public class ProfileUpdaterTests
{
    private static readonly DateTimeOffset T0 = Given.T0;
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(14);

    private readonly UserProfile profile = new();
    private ProfileUpdater updater = new(new ProfileSettings());

    private void Apply(EventType type, string item = "item-1", DateTimeOffset? at = null, double dwell = 0,
        string channel = "web", params string[] tags) =>
        updater.Apply(profile, Given.Event(type, item, at, dwell, channel), tags);

    private double Interest(string tag, DateTimeOffset at) => profile.Interests[tag].ValueAt(at, HalfLife);

    [Fact]
    public void Default_settings()
    {
        var s = new ProfileSettings();

        Assert.Equal(TimeSpan.FromDays(14), s.InterestHalfLife);
        Assert.Equal(100, s.RecentCapacity);
        Assert.Equal(5_000, s.ConsumedCapacity);
    }

    [Theory]
    [InlineData(EventType.View, 0, 1.0)]
    [InlineData(EventType.Click, 0, 2.0)]
    [InlineData(EventType.Like, 0, 3.0)]
    [InlineData(EventType.Share, 0, 4.0)]
    [InlineData(EventType.Conversion, 0, 5.0)]
    [InlineData(EventType.Dislike, 0, -3.0)]
    [InlineData(EventType.Dwell, 120, 3.0)]
    [InlineData(EventType.Dwell, 45, 1.5)]
    public void Each_tag_of_the_item_gains_the_event_weight(EventType type, double dwell, double expected)
    {
        Apply(type, dwell: dwell, tags: ["jazz", "vinyl"]);

        Assert.Equal(expected, profile.Interests["jazz"].Value, 12);
        Assert.Equal(expected, profile.Interests["vinyl"].Value, 12);
        Assert.Equal(T0.ToUnixTimeMilliseconds(), profile.Interests["jazz"].AsOfUnixMs);
    }

    [Fact]
    public void Zero_weight_events_add_no_interest()
    {
        Apply(EventType.Impression, tags: ["jazz"]);
        Apply(EventType.Dislike, dwell: 90, tags: ["rock"]); // -3 + 3

        Assert.Empty(profile.Interests);
    }

    [Fact]
    public void Interest_accumulates_per_tag_with_decay()
    {
        Apply(EventType.Click, "a", T0, tags: ["jazz", "rock"]);
        Apply(EventType.Like, "b", T0.AddDays(14), tags: ["jazz"]);
        Apply(EventType.Dislike, "c", T0.AddDays(14), tags: ["rock"]);

        Assert.Equal(2 * 0.5 + 3, Interest("jazz", T0.AddDays(14)), 12);
        Assert.Equal(2 * 0.5 - 3, Interest("rock", T0.AddDays(14)), 12);
        Assert.Equal(2, profile.Interests.Count);
    }

    [Fact]
    public void InterestsAt_is_decayed_strongest_first_and_drops_negligible_values()
    {
        Apply(EventType.Like, "a", T0, tags: ["jazz"]);
        Apply(EventType.Conversion, "b", T0, tags: ["rock"]);
        Apply(EventType.Dislike, "c", T0, tags: ["pop"]);
        Apply(EventType.View, "d", T0.AddDays(-14 * 12), tags: ["old"]); // 1 / 4096 < 1e-3 by T0

        var interests = updater.InterestsAt(profile, T0.AddDays(14));

        Assert.Equal(["rock", "jazz", "pop"], interests.Select(kv => kv.Key));
        Assert.Equal([2.5, 1.5, -1.5], interests.Select(kv => Math.Round(kv.Value, 12)));
    }

    [Fact]
    public void InterestsAt_breaks_ties_by_tag()
    {
        Apply(EventType.Click, tags: ["b", "c", "a"]);

        Assert.Equal(["a", "b", "c"], updater.InterestsAt(profile, T0).Select(kv => kv.Key));
    }

    [Fact]
    public void Recent_is_newest_first()
    {
        Apply(EventType.View, "a", T0);
        Apply(EventType.Click, "b", T0.AddMinutes(1), channel: "app");

        Assert.Equal(
            [new HistoryEntry("b", EventType.Click, T0.AddMinutes(1), "app"), new HistoryEntry("a", EventType.View, T0, "web")],
            profile.Recent);
    }

    [Fact]
    public void Recent_keeps_time_order_when_events_arrive_out_of_order()
    {
        Apply(EventType.View, "t1", T0.AddMinutes(1));
        Apply(EventType.View, "t3", T0.AddMinutes(3));
        Apply(EventType.View, "t2", T0.AddMinutes(2));
        Apply(EventType.View, "t0", T0);

        Assert.Equal(["t3", "t2", "t1", "t0"], profile.Recent.Select(h => h.ItemId));
    }

    [Fact]
    public void Recent_is_bounded_to_capacity_and_drops_the_oldest()
    {
        updater = new ProfileUpdater(new ProfileSettings { RecentCapacity = 3 });
        for (var i = 1; i <= 5; i++) Apply(EventType.View, $"t{i}", T0.AddMinutes(i));

        Apply(EventType.View, "late", T0); // older than all three kept: dropped at once

        Assert.Equal(["t5", "t4", "t3"], profile.Recent.Select(h => h.ItemId));
    }

    [Fact]
    public void Recent_includes_impressions()
    {
        Apply(EventType.Impression, "a");

        Assert.Equal(["a"], profile.Recent.Select(h => h.ItemId));
    }

    [Fact]
    public void Consumed_excludes_impressions()
    {
        Apply(EventType.Impression, "seen");
        Apply(EventType.Click, "clicked", T0.AddMinutes(1));
        Apply(EventType.Dislike, "disliked", T0.AddMinutes(2));
        Apply(EventType.Dwell, "read", T0.AddMinutes(3), dwell: 10);

        Assert.Equal(
            new Dictionary<string, DateTimeOffset> { ["clicked"] = T0.AddMinutes(1), ["disliked"] = T0.AddMinutes(2), ["read"] = T0.AddMinutes(3) },
            profile.Consumed);
    }

    [Fact]
    public void Consumed_keeps_the_latest_time_per_item()
    {
        Apply(EventType.View, "a", T0.AddHours(2));
        Apply(EventType.Like, "a", T0.AddHours(1));

        Assert.Equal(T0.AddHours(2), profile.Consumed["a"]);

        Apply(EventType.Share, "a", T0.AddHours(3));

        Assert.Equal(T0.AddHours(3), profile.Consumed["a"]);
    }

    [Fact]
    public void Consumed_over_capacity_keeps_the_newest_ninety_percent()
    {
        updater = new ProfileUpdater(new ProfileSettings { ConsumedCapacity = 10 });
        // Applied in shuffled time order so trimming must look at times, not insertion order.
        foreach (var i in new[] { 4, 1, 7, 10, 2, 9, 3, 8, 5, 6 }) Apply(EventType.View, $"i{i:00}", T0.AddMinutes(i));
        Assert.Equal(10, profile.Consumed.Count);

        Apply(EventType.View, "i11", T0.AddMinutes(11));

        // 11 > 10: keep 10 * 9 / 10 = 9, so the two oldest go.
        Assert.Equal(["i03", "i04", "i05", "i06", "i07", "i08", "i09", "i10", "i11"], profile.Consumed.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Consumed_trimming_of_a_small_capacity_drops_a_tenth_rounded_up()
    {
        updater = new ProfileUpdater(new ProfileSettings { ConsumedCapacity = 5 });
        for (var i = 1; i <= 6; i++) Apply(EventType.View, $"i{i}", T0.AddMinutes(i));

        // keep 5 * 9 / 10 = 4
        Assert.Equal(["i3", "i4", "i5", "i6"], profile.Consumed.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Consumed_trimming_never_forgets_the_item_just_consumed()
    {
        updater = new ProfileUpdater(new ProfileSettings { ConsumedCapacity = 1 });
        Apply(EventType.View, "old", T0);

        Apply(EventType.View, "new", T0.AddMinutes(1));

        Assert.Equal(["new"], profile.Consumed.Keys);
    }

    [Fact]
    public void Consumed_at_capacity_is_not_trimmed()
    {
        updater = new ProfileUpdater(new ProfileSettings { ConsumedCapacity = 3 });
        for (var i = 1; i <= 3; i++) Apply(EventType.View, $"i{i}", T0.AddMinutes(i));
        Apply(EventType.View, "i1", T0.AddMinutes(9)); // same item again: no growth

        Assert.Equal(3, profile.Consumed.Count);
    }

    [Fact]
    public void EventCounts_are_by_type_name()
    {
        Apply(EventType.Click);
        Apply(EventType.Click, "b");
        Apply(EventType.Impression);
        Apply(EventType.Dwell, dwell: 5);

        Assert.Equal(new Dictionary<string, long> { ["click"] = 2, ["impression"] = 1, ["dwell"] = 1 }, profile.EventCounts);
    }

    [Fact]
    public void LastActivityByChannel_keeps_the_latest_per_channel()
    {
        Apply(EventType.View, at: T0.AddHours(2), channel: "web");
        Apply(EventType.View, at: T0.AddHours(1), channel: "web");
        Apply(EventType.Impression, at: T0.AddHours(3), channel: "app");
        Apply(EventType.View, at: T0.AddHours(4), channel: "app");

        Assert.Equal(
            new Dictionary<string, DateTimeOffset> { ["web"] = T0.AddHours(2), ["app"] = T0.AddHours(4) },
            profile.LastActivityByChannel);
    }

    [Fact]
    public void Replaying_in_any_order_gives_the_same_profile_values()
    {
        var events = new[]
        {
            Given.Event(EventType.Click, "a", T0), Given.Event(EventType.Like, "b", T0.AddDays(3)),
            Given.Event(EventType.Dislike, "c", T0.AddDays(1)), Given.Event(EventType.Impression, "d", T0.AddDays(2)),
        };
        var ordered = new UserProfile();
        foreach (var e in events.OrderBy(e => e.Timestamp)) updater.Apply(ordered, e, ["jazz"]);
        var shuffled = new UserProfile();
        foreach (var e in events) updater.Apply(shuffled, e, ["jazz"]);

        Assert.Equal(ordered.Interests["jazz"].ValueAt(T0.AddDays(5), HalfLife), shuffled.Interests["jazz"].ValueAt(T0.AddDays(5), HalfLife), 1e-9);
        Assert.Equal(ordered.Recent, shuffled.Recent);
        Assert.Equal(ordered.Consumed, shuffled.Consumed);
        Assert.Equal(ordered.LastActivityByChannel, shuffled.LastActivityByChannel);
    }
}
