using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Segments;

namespace ContentGrains.Core.Tests.Segments;

public sealed class SegmentSignalsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 19, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(14);

    private static Interaction Event(string type, DateTimeOffset at, string channel, double dwell = 0) =>
        new(Guid.NewGuid().ToString(), "u1", "i1", EventTypes.TryParse(type, out var t) ? t : throw new ArgumentException(type), at, channel, dwell, null, null);

    [Fact]
    public void The_profile_keeps_hours_and_channels_of_engagement()
    {
        var updater = new ProfileUpdater(new ProfileSettings { InterestHalfLife = HalfLife });
        var profile = new UserProfile();
        updater.Apply(profile, Event("click", At, "app"), ["space"]);          // weight 2 at 19:xx on app
        updater.Apply(profile, Event("like", At.AddHours(-12), "web"), ["space"]); // weight 3 at 07:xx on web
        updater.Apply(profile, Event("impression", At, "email"), ["space"]);   // weight 0: no habit

        var hours = profile.ActiveHours.ValuesAt(At, HalfLife);
        Assert.Equal(2, hours[19], 9);
        Assert.Equal(3 * Math.Pow(0.5, 0.5 / 14), hours[7], 9); // half a day older
        Assert.Equal(2, profile.ChannelEngagement["app"].ValueAt(At, HalfLife), 9);
        Assert.False(profile.ChannelEngagement.ContainsKey("email"));

        var signals = new PersonSignalsBuilder(HalfLife).FromProfile(profile, formatOf: id => id == "i1" ? "video" : null, At);
        Assert.Equal(["19", "7"], signals.Block(PersonSignals.Hours).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, signals.Block(PersonSignals.Formats)["video"]); // the click and the like in the recent history
        Assert.Equal(["space"], signals.Block(PersonSignals.Tags).Keys);
    }

    [Fact]
    public void An_old_snapshot_without_habits_loads_and_has_none()
    {
        var json = """{"Interests":{"space":{"Value":2,"AsOfUnixMs":1767225600000}},"EventCounts":{"click":1}}""";
        var profile = System.Text.Json.JsonSerializer.Deserialize<UserProfile>(json)!;
        Assert.Empty(profile.ChannelEngagement);
        Assert.All(profile.ActiveHours.ValuesAt(At, HalfLife), v => Assert.Equal(0, v));
        var signals = new PersonSignalsBuilder(HalfLife).FromProfile(profile, null, At);
        Assert.Empty(signals.Block(PersonSignals.Hours));
        Assert.False(signals.IsEmpty); // the interest still counts
    }

    [Fact]
    public void Offline_activity_gives_the_live_profiles_signals()
    {
        var events = new[] { Event("click", At, "app", 60), Event("like", At.AddDays(-3), "web"), Event("dislike", At.AddDays(-1), "web") };
        var updater = new ProfileUpdater(new ProfileSettings { InterestHalfLife = HalfLife });
        var profile = new UserProfile();
        var table = new PersonActivityTable(HalfLife, 1 << 20);
        foreach (var e in events)
        {
            updater.Apply(profile, e, ["space", "stars"]);
            table.Add(e, new ItemFacts(["space", "stars"], null));
        }
        var builder = new PersonSignalsBuilder(HalfLife);
        var live = builder.FromProfile(profile, null, At);
        var offline = table.Signals(At).Single().Signals;
        foreach (var block in new[] { PersonSignals.Tags, PersonSignals.Channels, PersonSignals.Hours })
            Assert.Equal(live.Block(block).OrderBy(kv => kv.Key), offline.Block(block).OrderBy(kv => kv.Key),
                new KeyValueComparer());
    }

    [Fact]
    public void The_activity_table_stops_at_its_memory_bound()
    {
        var table = new PersonActivityTable(HalfLife, memoryBoundBytes: 2_000);
        table.Add(Event("click", At, "app"), new ItemFacts(["a", "b"], null));
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            for (var i = 0; i < 10; i++) table.Add(Event("click", At, "app") with { UserId = $"p{i}" }, new ItemFacts(["a"], null));
        });
        Assert.Contains("memory bound of 2,000 bytes", error.Message);
    }

    private sealed class KeyValueComparer : IEqualityComparer<KeyValuePair<string, double>>
    {
        public bool Equals(KeyValuePair<string, double> x, KeyValuePair<string, double> y) => x.Key == y.Key && Math.Abs(x.Value - y.Value) < 1e-9;
        public int GetHashCode(KeyValuePair<string, double> obj) => obj.Key.GetHashCode();
    }
}
