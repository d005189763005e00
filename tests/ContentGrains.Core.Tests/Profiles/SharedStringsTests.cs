using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Tests.Feed;

namespace ContentGrains.Core.Tests.Profiles;

/// <summary>Profiles share the catalog's item id strings (pooled ones for items it lacks) and one string per channel and tag, with the same values.</summary>
public class SharedStringsTests
{
    private static string Copy(string s) => new(s.AsSpan());

    [Fact]
    public void An_event_takes_the_catalogs_id_instance_and_the_pooled_channel()
    {
        var catalog = FeedCatalog.Snapshot(FeedCatalog.Item("movie-1"));
        var e = Given.Event(EventType.View, Copy("movie-1"), Given.T0) with { Channel = Copy("email") };

        var shared = SharedStrings.Of(e, catalog);

        Assert.Same(catalog.Find("movie-1")!.ItemId, shared.ItemId);
        Assert.Same(SharedStrings.Channel(Copy("email")), shared.Channel);
        Assert.Equal(e with { ItemId = "movie-1", Channel = "email" }, shared);
    }

    [Fact]
    public void An_item_the_catalog_lacks_keeps_the_first_instance_seen_of_its_id()
    {
        var e = Given.Event(EventType.View, Copy("unknown"), Given.T0);
        Assert.Same(e.ItemId, SharedStrings.Of(e, FeedCatalog.Snapshot()).ItemId); // the first seen becomes the pooled one
        Assert.Same(e.ItemId, SharedStrings.Of(e with { ItemId = Copy("unknown") }, FeedCatalog.Snapshot()).ItemId);
    }

    [Fact]
    public void Ids_of_items_the_catalog_lacks_and_tags_are_pooled_one_instance_per_value()
    {
        var empty = FeedCatalog.Snapshot();
        var (first, second) = (Given.Event(EventType.View, Copy("not-in-view-1"), Given.T0), Given.Event(EventType.Like, Copy("not-in-view-1"), Given.T0));
        Assert.NotSame(first.ItemId, second.ItemId);

        Assert.Same(SharedStrings.Of(first, empty).ItemId, SharedStrings.Of(second, empty).ItemId);
        var tags = SharedStrings.Tags([Copy("pooled-tag"), Copy("other-tag")]);
        Assert.Equal(["pooled-tag", "other-tag"], tags);
        Assert.Same(tags[0], SharedStrings.Tags([Copy("pooled-tag")])[0]);
        Assert.Same(tags, SharedStrings.Tags(tags)); // already pooled: the same list, nothing copied
    }

    [Fact]
    public void Sharing_a_loaded_profile_keeps_its_history_consumed_set_and_feed_order()
    {
        var catalog = FeedCatalog.Snapshot(FeedCatalog.Item("a"), FeedCatalog.Item("b"));
        var updater = new ProfileUpdater(new ProfileSettings());
        var profile = new UserProfile();
        updater.Apply(profile, Given.Event(EventType.View, Copy("a"), Given.T0), ["drama"]);
        updater.Apply(profile, Given.Event(EventType.Like, Copy("b"), Given.T0.AddHours(1)), ["drama"]);
        updater.Apply(profile, Given.Event(EventType.View, Copy("c"), Given.T0.AddHours(2)), ["drama"]);
        var before = updater.FeedUserAt("u", profile, Given.T0.AddDays(1));

        SharedStrings.Share(profile, catalog);

        var after = updater.FeedUserAt("u", profile, Given.T0.AddDays(1));
        Assert.Equal(before.History, after.History);
        Assert.Equal(["c", "b", "a"], profile.Recent.Select(h => h.ItemId));
        Assert.Same(catalog.Find("a")!.ItemId, profile.Recent[2].ItemId);
        Assert.Same(catalog.Find("b")!.ItemId, profile.Consumed.Keys.Single(k => k == "b"));
        Assert.Equal(Given.T0.AddHours(1), profile.Consumed["b"]);
    }
}
