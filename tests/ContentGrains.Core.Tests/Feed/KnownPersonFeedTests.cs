using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// A person the engine knows (impressions and clicks logged through <see cref="ProfileUpdater"/>, as the user grain applies
/// them) gets a feed on what they take, with the engine's default settings (no model, no exploration slot so the order
/// is the ranking's). Hand-computed: clicks (weight 2) on three x items, one y and one z; shown x 6, y 3, z 3.
/// Interests x 6, y 2, z 2; overall 10 / 12; lifts x (7.2 + 3) / 9 = 1.133333, y = z = (2.4 + 3) / 6 = 0.9.
/// Response part × 2: an x item 2 × 0.133333 / 2.133333 = 0.125; an [x, y, z] item (mean lift 0.977778) −0.022472.
/// Interest as the mean over the item's tags: x item 1, [x, y, z] item 10 / 6 / 3 = 0.555556, so 1.125 against 0.533084.
/// Summed and halved (before): 0.5 against 0.833333, so 0.625 against 0.810861: the mixed items came first.
/// </summary>
public sealed class KnownPersonFeedTests
{
    private static readonly DateTimeOffset Visit = Now; // no decay between the events and the feed, so the figures are exact
    private readonly ProfileUpdater updater = new(new ProfileSettings());
    private readonly FeedPipeline pipeline = new(new FeedSettings { ExplorationSlots = 0 });

    /// <summary>Ten items wholly on x and ten on x with y and z: none shown to the person yet.</summary>
    private static readonly CatalogSnapshot Catalog = Snapshot(
        [.. Enumerable.Range(0, 10).Select(i => Item($"x{i}", tags: ["x"])), .. Enumerable.Range(0, 10).Select(i => Item($"m{i}", tags: ["x", "y", "z"]))]);

    private UserProfile KnownPerson(bool impressionsLogged)
    {
        var profile = new UserProfile();
        var shown = new (string Item, string Tag)[]
        {
            ("hx0", "x"), ("hx1", "x"), ("hx2", "x"), ("hx3", "x"), ("hx4", "x"), ("hx5", "x"),
            ("hy0", "y"), ("hy1", "y"), ("hy2", "y"), ("hz0", "z"), ("hz1", "z"), ("hz2", "z"),
        };
        if (impressionsLogged)
            foreach (var (item, tag) in shown) updater.Apply(profile, Given.Event(EventType.Impression, item, Visit, userId: "viewer"), [tag]);
        foreach (var (item, tag) in shown.Where(s => s.Item is "hx0" or "hx1" or "hx2" or "hy0" or "hz0"))
            updater.Apply(profile, Given.Event(EventType.Click, item, Visit, userId: "viewer"), [tag]);
        return profile;
    }

    private IReadOnlyList<RankedItem> Feed(UserProfile profile) => pipeline.Build(Catalog, null, updater.FeedUserAt("viewer", profile, Now), Now, 10, "web");

    [Fact]
    public void A_known_person_gets_items_wholly_on_their_favourite_tag_before_items_that_mix_it_with_tags_they_took_now_and_then()
    {
        var profile = KnownPerson(impressionsLogged: true);
        var user = updater.FeedUserAt("viewer", profile, Now);

        var feed = Feed(profile);

        Assert.Equal(1.133333, user.Response.LiftOf("x"), 6);
        Assert.Equal(0.9, user.Response.LiftOf("y"), 6);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"x{i}"), feed.Select(f => f.ItemId).Order());
        Assert.Equal(1.125, feed[0].Score, 6);
    }

    [Fact]
    public void Without_impressions_logged_the_interest_stays_summed_over_the_tags()
    {
        // ml-100k's case: no impressions, so no response part, and its tuned interest form (sum / 2) is kept.
        var feed = Feed(KnownPerson(impressionsLogged: false));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}"), feed.Select(f => f.ItemId).Order());
        Assert.Equal(0.833333, feed[0].Score, 6); // (6 + 2 + 2) / 6 / 2 at interest weight 1
    }
}
