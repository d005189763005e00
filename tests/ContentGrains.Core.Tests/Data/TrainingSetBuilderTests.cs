using ContentGrains.Core.Data;
using ContentGrains.Core.Events;

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
    public void No_events_give_an_empty_set()
    {
        var set = new TrainingSetBuilder().Build();

        Assert.Equal((0, 0, 0), (set.UserCount, set.ItemCount, set.Count));
    }
}
