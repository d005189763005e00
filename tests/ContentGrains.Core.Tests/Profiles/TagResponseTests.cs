using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Profiles;

/// <summary>
/// Hand-computed lifts. Interests x 10, y 2; impressions x 5, y 15; prior 3. Overall = 12 / 20 = 0.6.
/// x: (10 / 0.6 + 3) / (5 + 3) = 19.666667 / 8 = 2.458333; y: (2 / 0.6 + 3) / (15 + 3) = 6.333333 / 18 = 0.351852;
/// a tag never shown: 3 / 3 = 1.
/// </summary>
public class TagResponseTests
{
    private static readonly KeyValuePair<string, double>[] Interests = [new("x", 10), new("y", 2)];
    private static readonly Dictionary<string, double> Impressions = new() { ["x"] = 5, ["y"] = 15 };

    private static TagResponse Response() => TagResponse.From(Interests, Impressions, priorImpressions: 3);

    [Fact]
    public void A_tag_taken_often_when_shown_lifts_and_one_passed_over_falls()
    {
        var response = Response();

        Assert.True(response.Known);
        Assert.Equal(2.458333, response.LiftOf("x"), 6);
        Assert.Equal(0.351852, response.LiftOf("y"), 6);
        Assert.Equal(1, response.LiftOf("never-shown"), 6);
    }

    [Fact]
    public void An_item_gets_the_mean_lift_of_its_tags_and_an_untagged_item_gets_1()
    {
        var response = Response();

        Assert.Equal(((10 / 0.6 + 3) / 8 + (2 / 0.6 + 3) / 18) / 2, response.LiftOf(["x", "y"]), 9);
        Assert.Equal(1, response.LiftOf([]), 6);
    }

    [Fact]
    public void The_lift_and_impressions_of_an_items_tags_allocate_nothing()
    {
        var response = Response();
        IReadOnlyList<string> tags = ["x", "y", "never-shown"]; // an array behind the interface, as a catalog entry's tags
        var (lift, shown) = (response.LiftOf(tags), response.ShownOf(tags));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++) (lift, shown) = (response.LiftOf(tags), response.ShownOf(tags));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A foreach through the interface boxed an enumerator per call: 64,000 bytes for these 2,000 calls.
        Assert.Equal(0, allocated);
        Assert.Equal(((10 / 0.6 + 3) / 8 + (2 / 0.6 + 3) / 18 + 1) / 3, lift, 9);
        Assert.Equal(20 / 3.0, shown, 9);
    }

    [Fact]
    public void The_ranking_part_is_0_at_lift_1_and_symmetric_in_log_lift()
    {
        Assert.Equal(0, TagResponse.Part(1), 9);
        Assert.Equal(1.458333 / 3.458333, TagResponse.Part(2.458333), 6);
        Assert.Equal(-TagResponse.Part(4), TagResponse.Part(0.25), 9);
    }

    [Fact]
    public void Without_impressions_every_lift_is_1()
    {
        var none = TagResponse.From(Interests, new Dictionary<string, double>(), 3);

        Assert.False(none.Known);
        Assert.Equal(1, none.LiftOf("x"));
        Assert.Equal(1, TagResponse.None.LiftOf(["x", "y"]));
    }

    [Fact]
    public void Impressions_without_any_engagement_lower_the_shown_tags_only()
    {
        var response = TagResponse.From([], new Dictionary<string, double> { ["x"] = 3 }, 3);

        Assert.Equal(0.5, response.LiftOf("x"), 9); // 3 / (3 + 3)
        Assert.Equal(1, response.LiftOf("y"), 9);
    }

    [Fact]
    public void A_prior_that_is_not_positive_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TagResponse.From(Interests, Impressions, 0));
        Assert.Equal("priorImpressions", error.ParamName);
    }

    /// <summary>
    /// Through the profile, all at one instant (no decay): impressions of a [x], b [y], c [x], then a click on c (weight 2).
    /// Interests x 2; impressions x 2, y 1; overall 2 / 3. x: (2 / (2/3) + 3) / (2 + 3) = 1.2; y: 3 / (1 + 3) = 0.75.
    /// </summary>
    [Fact]
    public void The_profile_counts_impressions_per_tag_and_the_feed_user_carries_the_lift()
    {
        var updater = new ProfileUpdater(new ProfileSettings());
        var profile = new UserProfile();
        updater.Apply(profile, Given.Event(EventType.Impression, "a"), ["x"]);
        updater.Apply(profile, Given.Event(EventType.Impression, "b"), ["y"]);
        updater.Apply(profile, Given.Event(EventType.Impression, "c"), ["x"]);
        updater.Apply(profile, Given.Event(EventType.Click, "c"), ["x"]);

        var response = updater.FeedUserAt("user-1", profile, Given.T0).Response;

        Assert.Equal(2, profile.TagImpressions["x"].ValueAt(Given.T0, updater.Settings.InterestHalfLife), 9);
        Assert.Equal(1.2, response.LiftOf("x"), 9);
        Assert.Equal(0.75, response.LiftOf("y"), 9);
        // Rate = (interest + 3 × 2/3) / (impressions + 3): x (2 + 2) / 5 = 0.8, y 2 / 4 = 0.5; shown x 2, y 1.
        Assert.Equal(0.8, response.RateOf("x"), 9);
        Assert.Equal(0.5, response.RateOf("y"), 9);
        Assert.Equal(1.5, response.ShownOf(["x", "y"]), 9);
    }

    /// <summary>
    /// Rate = (interest + prior × overall) / (impressions + prior), overall 0.6: x (10 + 1.8) / 8 = 1.475 (= lift 2.458333 × 0.6),
    /// y (2 + 1.8) / 18 = 0.211111, a tag never shown 1.8 / 3 = 0.6; the item [x, y] gets their mean 0.843056.
    /// Shown: x 5, y 15, so [x, y] 10; a tag never shown 0.
    /// </summary>
    [Fact]
    public void The_rate_per_tag_is_the_smoothed_engagement_per_impression_and_shown_counts_the_tags_impressions()
    {
        var response = Response();

        Assert.Equal(1.475, response.RateOf("x"), 9);
        Assert.Equal(0.211111, response.RateOf("y"), 6);
        Assert.Equal(0.6, response.RateOf("never-shown"), 9);
        Assert.Equal(0.843056, response.RateOf(["x", "y"]), 6);
        Assert.Equal(0.6, response.RateOf([]), 9);
        Assert.Equal(10, response.ShownOf(["x", "y"]), 9);
        Assert.Equal(0, response.ShownOf(["never-shown"]), 9);
        Assert.Equal(0, response.ShownOf([]), 9);
    }

    [Fact]
    public void Without_impressions_the_rate_is_0_and_nothing_was_shown()
    {
        Assert.Equal(0, TagResponse.None.RateOf(["x"]));
        Assert.Equal(0, TagResponse.None.ShownOf(["x"]));
    }
}
