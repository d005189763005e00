using ContentGrains.Core.Events;
using ContentGrains.Core.Items;

namespace ContentGrains.Core.Tests.Items;

public class ItemCountersTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(1);
    private static readonly DateTimeOffset T0 = Given.T0;
    private readonly ItemCounters counters = new();

    private void Apply(EventType type, DateTimeOffset? at = null, double dwell = 0) =>
        counters.Apply(Given.Event(type, at: at, dwellSeconds: dwell), HalfLife);

    [Fact]
    public void Each_type_has_its_counter()
    {
        Apply(EventType.Impression); Apply(EventType.Impression); Apply(EventType.Impression);
        Apply(EventType.View); Apply(EventType.View);
        Apply(EventType.Click);
        Apply(EventType.Like); Apply(EventType.Like);
        Apply(EventType.Share);
        Apply(EventType.Comment); Apply(EventType.Comment); Apply(EventType.Comment); Apply(EventType.Comment);
        Apply(EventType.Dislike);
        Apply(EventType.Conversion); Apply(EventType.Conversion);

        Assert.Equal(
            new long[] { 3, 2, 1, 2, 1, 4, 1, 2 },
            new[] { counters.Impressions, counters.Views, counters.Clicks, counters.Likes, counters.Shares,
                    counters.Comments, counters.Dislikes, counters.Conversions });
        Assert.Equal(16, counters.EventsApplied);
    }

    [Fact]
    public void Dwell_counts_only_as_applied_and_as_seconds()
    {
        Apply(EventType.Dwell, dwell: 120);

        Assert.Equal(1, counters.EventsApplied);
        Assert.Equal(120, counters.DwellSeconds);
        Assert.Equal(0, counters.Impressions + counters.Views + counters.Clicks + counters.Likes + counters.Shares
            + counters.Comments + counters.Dislikes + counters.Conversions);
    }

    [Fact]
    public void Dwell_seconds_are_summed_over_every_event_that_carries_them()
    {
        Apply(EventType.Dwell, dwell: 120);
        Apply(EventType.View, dwell: 12.5);
        Apply(EventType.Click);
        Apply(EventType.Dwell, dwell: 7.25);

        Assert.Equal(139.75, counters.DwellSeconds);
        Assert.Equal(1, counters.Views);
    }

    [Theory]
    [InlineData(3, 40, 1, 20, 4.0 / 60)]
    [InlineData(0, 0, 1, 20, 0.05)]
    [InlineData(10, 10, 0, 0, 1.0)]
    [InlineData(0, 100, 2, 50, 2.0 / 150)]
    public void SmoothedCtr_is_clicks_plus_a_over_impressions_plus_b(int clicks, int impressions, double a, double b, double expected)
    {
        var c = new ItemCounters { Clicks = clicks, Impressions = impressions };

        Assert.Equal(expected, c.SmoothedCtr(a, b), 15);
    }

    [Theory]
    [InlineData(380, 0, 1, 20, 381.0 / 400)]  // clicks from a channel that sends no impressions: was 381/20 = 19
    [InlineData(30, 10, 1, 20, 31.0 / 50)]
    public void SmoothedCtr_counts_an_item_as_shown_at_least_as_often_as_clicked(int clicks, int impressions, double a, double b, double expected)
    {
        var c = new ItemCounters { Clicks = clicks, Impressions = impressions };

        Assert.Equal(expected, c.SmoothedCtr(a, b), 15);
        Assert.InRange(c.SmoothedCtr(a, b), 0, 1);
    }

    [Fact]
    public void SmoothedCtr_follows_applied_events()
    {
        for (var i = 0; i < 40; i++) Apply(EventType.Impression);
        for (var i = 0; i < 3; i++) Apply(EventType.Click);

        Assert.Equal(4.0 / 60, counters.SmoothedCtr(1, 20), 15);
    }

    [Fact]
    public void Trend_adds_positive_weights_with_decay()
    {
        Apply(EventType.Click, T0);                // 2
        Apply(EventType.Share, T0.AddDays(1));     // 2 * 0.5 + 4

        Assert.Equal(5, counters.Trend.Value, 12);
        Assert.Equal(T0.AddDays(1).ToUnixTimeMilliseconds(), counters.Trend.AsOfUnixMs);
        Assert.Equal(2.5, counters.Trend.ValueAt(T0.AddDays(2), HalfLife), 12);
    }

    [Fact]
    public void Trend_ignores_zero_and_negative_weights()
    {
        Apply(EventType.Impression, T0);
        Apply(EventType.Dislike, T0);
        Apply(EventType.Dislike, T0, dwell: 60); // -3 + 2
        Apply(EventType.Dwell, T0);               // 0 seconds: weight 0

        Assert.Equal(0, counters.Trend.Value);
        Assert.Equal(0, counters.Trend.AsOfUnixMs);
        Assert.Equal(4, counters.EventsApplied);
    }

    [Fact]
    public void Trend_counts_dwell_weight()
    {
        Apply(EventType.Dwell, T0, dwell: 60);     // 2
        Apply(EventType.Impression, T0, dwell: 3600); // 0 + 3

        Assert.Equal(5, counters.Trend.Value, 12);
    }
}
