using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Profiles;

public class FeedUserAtTests
{
    private static readonly DateTimeOffset Now = Given.T0;

    private readonly UserProfile profile = new();
    private ProfileUpdater updater = new(new ProfileSettings());

    private void Apply(EventType type, string item, double hoursAgo, params string[] tags) =>
        updater.Apply(profile, Given.Event(type, item, Now.AddHours(-hoursAgo), userId: "viewer"), tags);

    private FeedUser User() => updater.FeedUserAt("viewer", profile, Now);

    [Fact]
    public void History_is_the_recent_positives_newest_first_then_older_consumed_items_newest_first()
    {
        updater = new ProfileUpdater(new ProfileSettings { RecentCapacity = 2 });
        Apply(EventType.View, "a", 5);
        Apply(EventType.Click, "b", 4);
        Apply(EventType.View, "c", 3);
        Apply(EventType.Like, "d", 2);
        Apply(EventType.Impression, "e", 1);

        // Recent keeps [e (impression), d]; the consumed items a, b, c follow by their last time.
        var user = User();

        Assert.Equal("viewer", user.UserId);
        Assert.Equal(["d", "c", "b", "a"], user.History);
        Assert.Equal(["a", "b", "c", "d"], user.Excluded.Order()); // an impression does not consume
    }

    [Fact]
    public void An_item_seen_twice_is_in_the_history_once_at_its_latest_place()
    {
        Apply(EventType.View, "a", 4);
        Apply(EventType.View, "b", 3);
        Apply(EventType.Share, "a", 1);
        Apply(EventType.Dwell, "c", 2); // out of time order

        Assert.Equal(["a", "c", "b"], User().History);
    }

    [Fact]
    public void Each_call_hands_out_its_own_history_although_the_working_collections_are_reused()
    {
        Apply(EventType.View, "a", 3);
        Apply(EventType.Like, "b", 2);
        Apply(EventType.View, "a", 1);
        var other = new UserProfile();
        updater.Apply(other, Given.Event(EventType.Click, "z", Now.AddHours(-1), userId: "other"), []);
        updater.Apply(other, Given.Event(EventType.View, "b", Now.AddHours(-2), userId: "other"), []);

        var first = User().History;
        var second = updater.FeedUserAt("other", other, Now).History;
        var again = User().History;

        Assert.Equal(["a", "b"], first); // unchanged by the calls after it on this thread
        Assert.Equal(["z", "b"], second);
        Assert.Equal(first, again);
        Assert.NotSame(first, again);
    }

    [Fact]
    public void Disliked_items_are_excluded_and_never_a_model_input()
    {
        Apply(EventType.View, "x", 3);
        Apply(EventType.View, "y", 2);
        Apply(EventType.Dislike, "x", 1);
        Apply(EventType.Dislike, "z", 1);

        var user = User();

        Assert.Equal(["y"], user.History);
        Assert.Equal(["x", "y", "z"], user.Excluded.Order());
    }

    [Fact]
    public void A_later_positive_event_clears_a_dislike_and_an_earlier_one_does_not()
    {
        Apply(EventType.View, "x", 3);
        Apply(EventType.Dislike, "x", 2);
        Apply(EventType.Like, "x", 2.5); // arrives late but happened before the dislike
        Apply(EventType.Impression, "x", 0.5);

        Assert.Empty(User().History);
        Assert.Contains("x", profile.Disliked.Keys);

        Apply(EventType.Click, "x", 1);

        Assert.Equal(["x"], User().History);
        Assert.Empty(profile.Disliked);
        Assert.Equal(["x"], User().Excluded); // still consumed
    }

    [Fact]
    public void A_positive_event_after_the_dislike_wins_even_when_it_arrives_first()
    {
        Apply(EventType.Like, "x", 1);
        Apply(EventType.Dislike, "x", 2); // happened before the like, arrives after it
        Apply(EventType.View, "y", 2);
        Apply(EventType.Dislike, "y", 2); // the same instant: the dislike wins
        Apply(EventType.Dislike, "z", 3);
        Apply(EventType.Click, "z", 0.5);
        Apply(EventType.Dislike, "z", 2); // the click half an hour ago is still the latest

        Assert.Equal(["z", "x"], User().History);
        Assert.Equal(["y"], profile.Disliked.Keys);
        Assert.Equal(["x", "y", "z"], User().Excluded.Order());
    }

    [Fact]
    public void Interests_are_decayed_to_now_strongest_first()
    {
        Apply(EventType.View, "a", 14 * 24, "old");   // 1 a half-life ago → 0.5
        Apply(EventType.Click, "b", 0, "new");        // 2
        Apply(EventType.Dislike, "c", 0, "bad");      // -3

        Assert.Equal(
            [KeyValuePair.Create("new", 2.0), KeyValuePair.Create("old", 0.5), KeyValuePair.Create("bad", -3.0)],
            User().Interests);
    }

    [Fact]
    public void History_order_is_rebuilt_after_a_snapshot_load_and_kept_by_later_events()
    {
        updater = new ProfileUpdater(new ProfileSettings { RecentCapacity = 1 }); // so the order comes from the consumed items
        Apply(EventType.View, "a", 5);
        Apply(EventType.View, "b", 3);
        Apply(EventType.View, "c", 4);
        var json = System.Text.Json.JsonSerializer.Serialize(profile);

        var loaded = System.Text.Json.JsonSerializer.Deserialize<UserProfile>(json)!;
        Assert.Equal(["b", "c", "a"], updater.FeedUserAt("viewer", loaded, Now).History);

        // The order is kept as events arrive, including one that moves an item and one out of time order.
        updater.Apply(loaded, Given.Event(EventType.Click, "a", Now.AddHours(-1), userId: "viewer"), []);
        updater.Apply(loaded, Given.Event(EventType.View, "d", Now.AddHours(-3.5), userId: "viewer"), []);
        var history = updater.FeedUserAt("viewer", loaded, Now).History;

        Assert.Equal(["a", "b", "d", "c"], history);
    }

    [Fact]
    public void Excluded_reads_consumed_and_disliked_items_without_copying_them()
    {
        Apply(EventType.View, "x", 3);
        Apply(EventType.Dislike, "y", 2);
        Apply(EventType.Dislike, "x", 1);

        var excluded = User().Excluded;

        Assert.Equal(2, excluded.Count);
        Assert.True(excluded.Contains("x") && excluded.Contains("y") && !excluded.Contains("z"));
        Assert.True(excluded.SetEquals(["y", "x"]));

        Apply(EventType.View, "z", 0.5); // the set reads the profile as it is
        Assert.True(excluded.Contains("z"));
    }
}
