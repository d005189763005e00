using ContentGrains.Core.Data;
using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Data;

public class TrainingSetBuilderTests
{
    [Theory]
    [InlineData(EventType.Impression, false)]
    [InlineData(EventType.Dislike, false)]
    [InlineData(EventType.View, true)]
    [InlineData(EventType.Click, true)]
    [InlineData(EventType.Like, true)]
    [InlineData(EventType.Share, true)]
    [InlineData(EventType.Comment, true)]
    [InlineData(EventType.Conversion, true)]
    [InlineData(EventType.Dwell, true)]
    public void Positives_are_the_consuming_events_except_dislikes(EventType type, bool positive)
    {
        Assert.Equal(positive, TrainingSetBuilder.IsPositive(type));
    }

    [Fact]
    public void Impressions_and_dislikes_are_read_but_are_not_positives_and_duplicates_count_once()
    {
        var builder = new TrainingSetBuilder();
        Interaction[] events =
        [
            Given.Event(EventType.Impression, "i0", userId: "u0"), // u0 and i0 never become positives
            Given.Event(EventType.View, "a", userId: "u1"),
            Given.Event(EventType.Click, "a", userId: "u1"),       // the same pair again
            Given.Event(EventType.Impression, "b", userId: "u1"),
            Given.Event(EventType.Dislike, "a", userId: "u2"),
            Given.Event(EventType.Like, "c", userId: "u2"),
            Given.Event(EventType.Dwell, "d", userId: "u2", dwellSeconds: 40),
            Given.Event(EventType.View, "a", userId: "u1"),
        ];
        foreach (var e in events) builder.Add(e);

        var set = builder.Build();

        Assert.Equal(8, builder.EventsRead);
        Assert.Equal((2, 3, 3), (set.UserCount, set.ItemCount, set.Count));
        // Indices in order of first positive appearance: users u1 0, u2 1; items a 0, c 1, d 2.
        Assert.Equal(("u1", "u2"), (builder.Users.IdOf(0), builder.Users.IdOf(1)));
        Assert.Equal(["a", "c", "d"], Enumerable.Range(0, 3).Select(builder.Items.IdOf));
        Assert.False(builder.Items.TryGetIndex("b", out _));
        Assert.False(builder.Users.TryGetIndex("u0", out _));
        Assert.Equal([0], set.ItemsOf(0).ToArray());
        Assert.Equal([1, 2], set.ItemsOf(1).ToArray());
        Assert.Equal([1, 1, 1], set.ItemCounts());
    }

    [Fact]
    public void A_pair_whose_latest_event_is_a_dislike_is_not_a_positive()
    {
        var builder = new TrainingSetBuilder();
        foreach (var e in new[]
        {
            Given.Event(EventType.View, "a", Given.T0.AddHours(1)),
            Given.Event(EventType.View, "b", Given.T0.AddHours(1)),
            Given.Event(EventType.Dislike, "a", Given.T0.AddHours(2)), // a: withdrawn
            Given.Event(EventType.Dislike, "b", Given.T0.AddHours(2)),
            Given.Event(EventType.Click, "b", Given.T0.AddHours(3)),   // b: positive again
            Given.Event(EventType.Dislike, "c", Given.T0.AddHours(2)),
            Given.Event(EventType.Like, "c", Given.T0.AddHours(1)),    // c: happened before its dislike, arrives after
            Given.Event(EventType.View, "d", Given.T0),
            Given.Event(EventType.Like, "e", Given.T0.AddHours(3)),
            Given.Event(EventType.Dislike, "e", Given.T0.AddHours(2)), // e: arrives last but happened before the like
            Given.Event(EventType.View, "f", Given.T0.AddHours(2)),
            Given.Event(EventType.Dislike, "f", Given.T0.AddHours(2)), // f: a tie goes to the dislike
        })
            builder.Add(e);

        var set = builder.Build();

        Assert.Equal(["b", "d", "e"], set.ItemsOf(0).ToArray().Select(builder.Items.IdOf));
        Assert.Equal(3, set.Count);
    }

    [Fact]
    public void Training_positives_are_the_items_the_live_feed_gives_the_model_for_each_person()
    {
        // The live feed scores a person from ProfileUpdater.FeedUserAt's history; a model trained on the same log must
        // have seen exactly those items for that person, or offline and live disagree. Random log, out of time order.
        var random = new Random(5);
        EventType[] types = [EventType.View, EventType.Click, EventType.Like, EventType.Dwell, EventType.Dislike, EventType.Dislike, EventType.Impression];
        var events = Enumerable.Range(0, 600).Select(_ => Given.Event(
            types[random.Next(types.Length)], $"i{random.Next(15)}", Given.T0.AddMinutes(random.Next(2000)), userId: $"u{random.Next(10)}")).ToList();
        var builder = new TrainingSetBuilder();
        var updater = new ProfileUpdater(new ProfileSettings());
        var profiles = new Dictionary<string, UserProfile>();
        foreach (var e in events)
        {
            builder.Add(e);
            if (!profiles.TryGetValue(e.UserId, out var profile)) profiles[e.UserId] = profile = new UserProfile();
            updater.Apply(profile, e, []);
        }

        var set = builder.Build();

        Assert.True(events.Count(e => e.Type == EventType.Dislike) > 100);
        foreach (var (userId, profile) in profiles)
        {
            string[] trained = builder.Users.TryGetIndex(userId, out var u) ? [.. set.ItemsOf(u).ToArray().Select(builder.Items.IdOf).Order()] : [];
            Assert.Equal(updater.FeedUserAt(userId, profile, Given.T0).History.Order(), trained);
        }
    }

    [Fact]
    public void No_events_give_an_empty_set()
    {
        var set = new TrainingSetBuilder().Build();

        Assert.Equal((0, 0, 0), (set.UserCount, set.ItemCount, set.Count));
    }
}
