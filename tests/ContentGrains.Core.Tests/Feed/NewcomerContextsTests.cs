using ContentGrains.Core.Catalog;
using ContentGrains.Core.Click;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Ranking;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// What newcomers took by context, by hand. Through the app at 08:00 (hour block 1) newcomers were shown x 10 times and
/// took it 4 times, and y 10 times, never; on the web at 20:00 (block 3) the other way round. Overall 8 / 40 = 0.2.
/// Tag x: everyone (4 + 20 × 0.2) / (20 + 20) = 0.2; app (4 + 20 × 0.2) / 30 = 0.266667; app at block 1
/// (4 + 20 × 0.266667) / 30 = 0.311111. Tag y: app (0 + 4) / 30 = 0.133333; app at block 1 (0 + 2.666667) / 30 = 0.088889.
/// Each context's own rate is 0.2 at every level, so the lifts are x 1.555556 and y 0.444444 (mirrored on the web at 20:00).
/// </summary>
public sealed class NewcomerContextsTests
{
    private static readonly DateTimeOffset AppMorning = new(2026, 1, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WebEvening = new(2026, 1, 30, 20, 0, 0, TimeSpan.Zero);

    private static NewcomerContexts Counted()
    {
        var newcomers = new NewcomerContexts();
        Show(newcomers, "app", AppMorning, taken: "x", passed: "y");
        Show(newcomers, "web", WebEvening, taken: "y", passed: "x");
        return newcomers;
    }

    private static void Show(NewcomerContexts newcomers, string channel, DateTimeOffset at, string taken, string passed)
    {
        for (var i = 0; i < 10; i++)
        {
            newcomers.Record(Given.Event(EventType.Impression, $"{taken}{i}", at, channel: channel), [taken]);
            newcomers.Record(Given.Event(EventType.Impression, $"{passed}{i}", at, channel: channel), [passed]);
        }
        for (var i = 0; i < 4; i++) newcomers.Record(Given.Event(EventType.Click, $"{taken}{i}", at.AddSeconds(5), channel: channel), [taken]);
        newcomers.Record(Given.Event(EventType.View, $"{passed}0", at, channel: channel), [passed]); // neither shown nor taken: ignored
    }

    [Fact]
    public void A_tags_lift_is_its_rate_in_the_context_shrunk_level_by_level_over_the_contexts_rate()
    {
        var newcomers = Counted();

        Assert.Equal(1.555556, newcomers.LiftOf("app", AppMorning.AddDays(3), ["x"]), 6);  // the hour of day, any day
        Assert.Equal(0.444444, newcomers.LiftOf("App", AppMorning, ["y"]), 6);            // channels in any case
        Assert.Equal(0.444444, newcomers.LiftOf("web", WebEvening, ["x"]), 6);
        Assert.Equal(1.0, newcomers.LiftOf("app", AppMorning, ["x", "y"]), 6);            // an item's lift: its tags' mean
        Assert.Equal(1.0, newcomers.LiftOf("app", AppMorning, []), 12);
        Assert.Equal(1.0, newcomers.LiftOf("email", AppMorning, ["x"]), 12);              // a context never seen: everyone's 0.2 / 0.2
        // The app in the evening: no newcomer came then, so x is the channel's 8 / 30 over the channel's 0.2.
        Assert.Equal(8.0 / 30 / 0.2, newcomers.LiftOf("app", WebEvening, ["x"]), 9);
    }

    [Fact]
    public void A_larger_prior_holds_a_context_closer_to_the_level_above()
    {
        // Prior 100: x in the app (4 + 100 × 0.2) / 110 = 0.218182, at block 1 (4 + 21.818182) / 110 = 0.234711; the contexts' rates stay 0.2.
        var newcomers = new NewcomerContexts(priorImpressions: 100);
        Show(newcomers, "app", AppMorning, taken: "x", passed: "y");
        Show(newcomers, "web", WebEvening, taken: "y", passed: "x");

        Assert.Equal(1.173554, newcomers.LiftOf("app", AppMorning, ["x"]), 6);
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new NewcomerContexts(0));
        Assert.Contains("Feed:NewcomerPriorImpressions must be positive", refused.Message);
    }

    [Fact]
    public void Before_any_newcomer_engaged_every_lift_is_1()
    {
        var newcomers = new NewcomerContexts();
        newcomers.Record(Given.Event(EventType.Impression, "x0", AppMorning, channel: "app"), ["x"]);

        Assert.Equal(1.0, newcomers.LiftOf("app", AppMorning, ["x"]));
        Assert.Equal(1.0, new NewcomerContexts().LiftOf(null, AppMorning, ["x"]));
    }

    [Fact]
    public void A_newcomer_is_someone_with_no_click_like_or_share_counted()
    {
        Assert.True(NewcomerContexts.IsNewcomer(new Dictionary<string, long>()));
        Assert.True(NewcomerContexts.IsNewcomer(new Dictionary<string, long> { ["impression"] = 30, ["view"] = 2 }));
        Assert.False(NewcomerContexts.IsNewcomer(new Dictionary<string, long> { ["impression"] = 30, ["click"] = 1 }));
        Assert.False(NewcomerContexts.IsNewcomer(new Dictionary<string, long> { ["like"] = 1 }));
    }

    // The feed: y items are the more popular (2 against 1). A newcomer whose latest event was in the app at 08:00 gets x
    // first: x = 0.5 × log 2 / log 3 + 2 × (1.555556 − 1) / (1.555556 + 1) = 0.7502, y = 0.5 + 2 × (0.444444 − 1) / 1.444444 = −0.2692.
    private static readonly FeedSettings NoRerank = new() { DiversityWeight = 0, ExplorationSlots = 0 };

    private static CatalogSnapshot Catalog() => Snapshot(
        [.. Enumerable.Range(0, 3).Select(i => Item($"x{i}", 1, tags: ["x"])), .. Enumerable.Range(0, 3).Select(i => Item($"y{i}", 2, tags: ["y"]))]);

    private static FeedUser Newcomer(DateTimeOffset lastSeen) => FeedUser.Anonymous("u") with { LastSeen = lastSeen };

    private static string Tags(IEnumerable<RankedItem> feed) => string.Concat(feed.Select(f => f.ItemId[0]));

    private static IReadOnlyList<RankedItem> Feed(FeedSettings settings, FeedUser user, string channel, IClickScorer? click = null) =>
        new FeedPipeline(settings).Build(Catalog(), null, user, Now, 4, channel, click, newcomers: Counted());

    [Fact]
    public void A_newcomer_gets_what_newcomers_of_their_channel_and_hour_took()
    {
        var morning = Feed(NoRerank, Newcomer(AppMorning), "app");

        Assert.Equal("xxxy", Tags(morning));
        Assert.Equal(0.5 * Math.Log(2) / Math.Log(3) + 2 * (1.555556 - 1) / (1.555556 + 1), morning[0].Score, 5);
        Assert.Equal(Reasons.PopularWithNewcomers, morning[0].Reason);
        Assert.Equal("yyyx", Tags(Feed(NoRerank, Newcomer(WebEvening), "web")));
    }

    [Fact]
    public void Someone_who_engaged_or_a_feed_with_the_setting_off_is_ranked_as_before()
    {
        var engaged = new FeedUser("u", [], new HashSet<string> { "z" }, ["z"]) { LastSeen = AppMorning };

        Assert.Equal("yyyx", Tags(Feed(NoRerank, engaged, "app")));
        Assert.Equal("yyyx", Tags(Feed(NoRerank with { NewcomersByContext = false }, Newcomer(AppMorning), "app")));
    }

    [Fact]
    public void A_click_models_probability_is_multiplied_by_the_newcomer_lift()
    {
        var morning = Feed(NoRerank, Newcomer(AppMorning), "app", new Flat());

        Assert.Equal("xxxy", Tags(morning));
        Assert.Equal(0.1 * 1.555556, morning[0].Score, 6);
        Assert.Equal(0.1 * 0.444444, morning[3].Score, 6);
    }

    /// <summary>A click model that gives every row 0.1.</summary>
    private sealed class Flat : IClickScorer
    {
        public string Version => "click-flat";
        public float[] Score(float[] rows) => Enumerable.Repeat(0.1f, rows.Length / ClickFeatures.Count).ToArray();
    }
}
