using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Profiles;

/// <summary>
/// Hand-computed rates and lifts. Engaged x 2; impressions x 5, y 15; prior 3 impressions at rate 0.05 (0.15 engaged).
/// x: (2 + 0.15) / (5 + 3) = 0.26875, lift 5.375, spread √(0.26875 · 0.73125 / 9) = 0.147770;
/// y: 0.15 / 18 = 0.008333, lift 0.166667; a tag never shown: 0.15 / 3 = 0.05, lift 1, spread √(0.05 · 0.95 / 4) = 0.108972.
/// </summary>
public class TagResponseTests
{
    private static readonly Dictionary<string, double> Engaged = new() { ["x"] = 2 };
    private static readonly Dictionary<string, double> Impressions = new() { ["x"] = 5, ["y"] = 15 };

    private static TagResponse Response() => TagResponse.From(Engaged, Impressions, priorImpressions: 3, priorRate: 0.05);

    [Fact]
    public void A_tag_taken_often_when_shown_lifts_and_one_passed_over_falls()
    {
        var response = Response();

        Assert.True(response.Known);
        Assert.Equal(0.26875, response.RateOf("x"), 9);
        Assert.Equal(5.375, response.LiftOf("x"), 9);
        Assert.Equal(0.166667, response.LiftOf("y"), 6);
        Assert.Equal(1, response.LiftOf("never-shown"), 9);
    }

    [Fact]
    public void The_only_clicked_tag_falls_below_1_once_it_is_passed_over_often_enough()
    {
        // One engagement: (1 + 0.15) / (n + 3) < 0.05 once n > 20, whatever the person did with other tags.
        var shown = TagResponse.From(new Dictionary<string, double> { ["x"] = 1 }, new Dictionary<string, double> { ["x"] = 25 }, 3, 0.05);

        Assert.Equal(1.15 / 28 / 0.05, shown.LiftOf("x"), 9);
        Assert.True(shown.LiftOf("x") < 1);
    }

    [Fact]
    public void An_item_gets_the_mean_lift_of_its_tags_and_an_untagged_item_gets_1()
    {
        var response = Response();

        Assert.Equal((5.375 + 0.15 / 18 / 0.05) / 2, response.LiftOf(["x", "y"]), 9);
        Assert.Equal(1, response.LiftOf([]), 6);
    }

    [Fact]
    public void The_optimistic_lift_gives_a_tag_never_shown_an_exploration_bonus()
    {
        var response = Response();

        Assert.Equal(0.108972, response.SpreadOf("never-shown"), 6);
        Assert.Equal((0.05 + 0.108972) / 0.05, response.OptimisticLiftOf("never-shown", 1), 4); // 3.1794
        Assert.Equal((0.26875 + 0.147770) / 0.05, response.OptimisticLiftOf("x", 1), 4);
        Assert.Equal(response.LiftOf("x"), response.OptimisticLiftOf("x", 0), 9);
        Assert.Equal(1, TagResponse.None.OptimisticLiftOf(["x"], 1));
    }

    [Fact]
    public void A_tag_is_clear_once_its_rate_beats_the_prior_by_the_asked_standard_deviations()
    {
        var response = Response();

        Assert.True(response.IsClear("x", 1)); // 0.26875 − 0.147770 = 0.121 > 0.05
        Assert.False(response.IsClear("x", 2)); // 0.26875 − 0.295540 < 0.05
        Assert.False(response.IsClear("never-shown", 0)); // exactly the prior
        Assert.False(TagResponse.None.IsClear("x", 0));
    }

    [Fact]
    public void The_ranking_part_is_0_at_lift_1_and_symmetric_in_log_lift()
    {
        Assert.Equal(0, TagResponse.Part(1), 9);
        Assert.Equal(4.375 / 6.375, TagResponse.Part(5.375), 9);
        Assert.Equal(-TagResponse.Part(4), TagResponse.Part(0.25), 9);
    }

    [Fact]
    public void Without_impressions_every_lift_is_1()
    {
        var none = TagResponse.From(Engaged, new Dictionary<string, double>(), 3, 0.05);

        Assert.False(none.Known);
        Assert.Equal(1, none.LiftOf("x"));
        Assert.Equal(1, TagResponse.None.LiftOf(["x", "y"]));
    }

    [Fact]
    public void A_prior_that_is_not_positive_or_a_rate_outside_0_to_1_is_refused_by_name()
    {
        Assert.Equal("priorImpressions", Assert.Throws<ArgumentOutOfRangeException>(() => TagResponse.From(Engaged, Impressions, 0, 0.05)).ParamName);
        Assert.Equal("priorRate", Assert.Throws<ArgumentOutOfRangeException>(() => TagResponse.From(Engaged, Impressions, 3, 0)).ParamName);
        Assert.Equal("priorRate", Assert.Throws<ArgumentOutOfRangeException>(() => TagResponse.From(Engaged, Impressions, 3, 1)).ParamName);
    }

    /// <summary>
    /// Through the profile, all at one instant (no decay): impressions of a [x], b [y], c [x] logged together are one
    /// feed, slots 0–2, counting 1, 1/log2(3) = 0.630930 and 1/log2(4) = 0.5. Then a click on c and a dwell on it (one
    /// engaged item). x: (1 + 0.15) / (1.5 + 3) = 0.255556, lift 5.111111; y: 0.15 / 3.630930, lift 0.826235.
    /// </summary>
    [Fact]
    public void The_profile_counts_position_discounted_impressions_and_each_engaged_item_once()
    {
        var updater = new ProfileUpdater(new ProfileSettings());
        var profile = new UserProfile();
        updater.Apply(profile, Given.Event(EventType.Impression, "a"), ["x"]);
        updater.Apply(profile, Given.Event(EventType.Impression, "b"), ["y"]);
        updater.Apply(profile, Given.Event(EventType.Impression, "c"), ["x"]);
        updater.Apply(profile, Given.Event(EventType.Click, "c"), ["x"]);
        updater.Apply(profile, Given.Event(EventType.Dwell, "c", dwellSeconds: 60), ["x"]);

        var response = updater.FeedUserAt("user-1", profile, Given.T0).Response;

        Assert.Equal(1.5, profile.TagImpressions["x"].ValueAt(Given.T0, updater.Settings.InterestHalfLife), 9);
        Assert.Equal(1, profile.TagEngagements["x"].ValueAt(Given.T0, updater.Settings.InterestHalfLife), 9);
        Assert.Equal(5.111111, response.LiftOf("x"), 6);
        Assert.Equal(0.826235, response.LiftOf("y"), 6);
    }

    [Fact]
    public void An_impression_more_than_the_feed_gap_after_the_previous_one_starts_a_new_feed_at_slot_0()
    {
        var updater = new ProfileUpdater(new ProfileSettings());
        var profile = new UserProfile();
        updater.Apply(profile, Given.Event(EventType.Impression, "a"), ["x"]);
        updater.Apply(profile, Given.Event(EventType.Impression, "b", Given.T0.AddSeconds(1)), ["x"]);
        updater.Apply(profile, Given.Event(EventType.Impression, "c", Given.T0.AddSeconds(4)), ["x"]);

        Assert.Equal(0, profile.LastImpressionSlot);
        Assert.Equal(1 + 1 / Math.Log2(3) + 1, profile.TagImpressions["x"].ValueAt(Given.T0.AddSeconds(4), updater.Settings.InterestHalfLife), 5); // 4 s of a 14-day half-life: decay below 1e-5
        Assert.Equal([1, 0.63093, 0.289065], Enumerable.Range(0, 10).Where(s => s is 0 or 1 or 9).Select(s => Math.Round(ShownPosition.Weight(s), 6)));
    }
}
