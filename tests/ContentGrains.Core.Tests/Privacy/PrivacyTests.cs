using ContentGrains.Core.Feed;
using ContentGrains.Core.Privacy;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Privacy;

public class PrivacyTests
{
    [Fact]
    public void A_person_is_named_in_the_audit_by_the_sha256_of_their_id_as_sha256sum_prints_it()
    {
        // printf %s abc | sha256sum
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PersonHash.Of("abc"));
        Assert.NotEqual(PersonHash.Of("abc"), PersonHash.Of("abd"));
    }

    [Fact]
    public void The_non_personal_feed_is_the_strangers_feed_and_every_reason_says_personalisation_was_withdrawn()
    {
        var pipeline = new FeedPipeline(new FeedSettings { InterestWeight = 1, PopularityWeight = 0.5, DiversityWeight = 0, ExplorationSlots = 0 });
        var feed = NonPersonalFeed.Build(pipeline, Snapshot(Item("c"), Item("b", 3), Item("a", 8)), "someone", Now, 10, null);

        // Hand-computed in FeedPipelineTests.Cold_start_user_gets_trending_items_first: popularity 8 → 0.5, 3 → 0.315465.
        Assert.Equal(
        [
            new RankedItem("a", 0.5, "trending now" + NonPersonalFeed.ReasonSuffix),
            new RankedItem("b", 0.315465, "trending now" + NonPersonalFeed.ReasonSuffix),
            new RankedItem("c", 0, "from the catalog" + NonPersonalFeed.ReasonSuffix),
        ], feed);
    }

    [Fact]
    public void Retention_is_off_by_default_and_its_cutoff_is_event_days_before_now()
    {
        Assert.False(new RetentionSettings().Enabled);
        Assert.Null(new RetentionSettings().Problem());
        var settings = new RetentionSettings { EventDays = 30 };
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 12, 0, 0, TimeSpan.Zero), settings.CutoffAt(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(-1, 10_000, 60, "Retention:EventDays must be 0 (keep for ever) or a number of days, got -1")]
    [InlineData(30, 0, 60, "Retention:BatchEvents must be between 1 and 1,000,000, got 0")]
    [InlineData(30, 10_000, 30, "Retention:Interval must be at least one minute (a reminder's shortest period), got 00:00:30")]
    public void Retention_settings_out_of_range_are_named_with_the_reason(int days, int batch, int intervalSeconds, string problem) =>
        Assert.Equal(problem, new RetentionSettings { EventDays = days, BatchEvents = batch, Interval = TimeSpan.FromSeconds(intervalSeconds) }.Problem());

    [Fact]
    public void A_consent_withdrawing_either_right_outlives_a_deletion_and_the_default_grants_both()
    {
        Assert.False(Consent.Granted.WithdrawsAnything);
        Assert.True(new Consent(Personalisation: false, Tracking: true).WithdrawsAnything);
        Assert.True(new Consent(Personalisation: true, Tracking: false).WithdrawsAnything);
    }
}
