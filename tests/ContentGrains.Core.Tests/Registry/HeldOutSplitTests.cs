using ContentGrains.Core.Data;
using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Registry;

public sealed class HeldOutSplitTests
{
    [Fact]
    public void The_latest_positive_in_time_of_users_with_enough_positives_is_held_out_by_id()
    {
        var builder = new TrainingSetBuilder();
        // ann: c is her latest like although logged first; bob has two positives only.
        builder.Add(Event(EventType.Like, "c", T0.AddHours(3), userId: "ann"));
        builder.Add(Event(EventType.Like, "a", T0.AddHours(1), userId: "ann"));
        builder.Add(Event(EventType.View, "b", T0.AddHours(2), userId: "ann"));
        builder.Add(Event(EventType.Like, "a", T0, userId: "bob"));
        builder.Add(Event(EventType.Like, "b", T0.AddHours(5), userId: "bob"));
        var all = builder.Build();

        var split = HeldOutSplit.From(builder, all, maxUsers: 10, minPositives: 3, seed: 1);

        var held = Assert.Single(split.Events);
        Assert.Equal(("ann", "c"), (held.UserId, held.ItemId));
        Assert.Equal(["a", "b"], held.History.Order());
        Assert.Equal(4, split.Train.Count); // 5 pairs less ann's c
        Assert.True(builder.Users.TryGetIndex("ann", out var ann));
        Assert.True(builder.Items.TryGetIndex("c", out var c));
        Assert.False(split.Train.Contains(ann, c));
        Assert.True(all.Contains(ann, c));
        Assert.Equal(2, split.Train.CountOf(1)); // bob keeps both
    }

    [Fact]
    public void The_sample_is_bounded_and_seeded()
    {
        var builder = new TrainingSetBuilder();
        for (var u = 0; u < 50; u++)
            for (var i = 0; i < 3; i++)
                builder.Add(Event(EventType.Like, $"i{(u + i) % 7}", T0.AddMinutes(i), userId: $"u{u}"));
        var all = builder.Build();

        var first = HeldOutSplit.From(builder, all, maxUsers: 20, minPositives: 3, seed: 7);
        var again = HeldOutSplit.From(builder, all, maxUsers: 20, minPositives: 3, seed: 7);
        Assert.Equal(20, first.Events.Count);
        Assert.Equal(first.Events.Select(e => e.UserId), again.Events.Select(e => e.UserId));
        Assert.Equal(150 - 20, first.Train.Count);
        Assert.Empty(HeldOutSplit.From(builder, all, maxUsers: 0, minPositives: 3, seed: 7).Events);
    }
}
