using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Tests.Simulation;

public sealed class BulkEventGeneratorTests
{
    private static readonly WorldSettings Settings = new() { Seed = 3, Users = 5_000, Items = 2_000 };
    private static readonly DateTimeOffset End = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Writes_exactly_the_requested_events_in_time_order_within_the_span()
    {
        var events = new BulkEventGenerator(Settings, 10_000, End, TimeSpan.FromDays(30), interactionsOnly: false).Events().ToList();

        Assert.Equal(10_000, events.Count);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
        Assert.InRange(events[0].Timestamp, End.AddDays(-30), End);
        Assert.InRange(events[^1].Timestamp, End.AddDays(-30), End);
        Assert.All(events, e => Assert.InRange(e.User, 0, Settings.Users - 1));
        Assert.All(events, e => Assert.InRange(e.Item, 0, Settings.Items - 1));
        var impressions = events.Count(e => e.Type == "impression");
        var clicks = events.Count(e => e.Type == "click");
        Assert.InRange((double)clicks / impressions, 0.1, 0.6);                 // people pick topics they like: well above random
        Assert.InRange(events.Count(e => e.Type == "dwell"), clicks - 1, clicks);
        Assert.All(events.Where(e => e.Type == "dwell"), e => Assert.True(e.DwellSeconds > 5));
    }

    [Fact]
    public void Interactions_only_are_clicks_and_the_draws_are_skewed_towards_popular_items_and_active_people()
    {
        var events = new BulkEventGenerator(Settings, 20_000, End, TimeSpan.FromDays(30), interactionsOnly: true).Events().ToList();

        Assert.Equal(20_000, events.Count);
        Assert.All(events, e => Assert.Equal("click", e.Type));
        var topItems = events.GroupBy(e => e.Item).Select(g => g.Count()).OrderDescending().Take(Settings.Items / 10).Sum();
        Assert.True(topItems > 0.3 * events.Count, $"top 10% of items have {topItems} of {events.Count} interactions");
        var topUsers = events.GroupBy(e => e.User).Select(g => g.Count()).OrderDescending().Take(Settings.Users / 10).Sum();
        Assert.True(topUsers > 0.3 * events.Count, $"top 10% of people have {topUsers} of {events.Count}");
        Assert.Equal(events, new BulkEventGenerator(Settings, 20_000, End, TimeSpan.FromDays(30), true).Events().ToList());
    }
}
