using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Tests.Simulation;

/// <summary>
/// A visit asks for its feeds through the channel it came by (the session names it), the channel its events carry: in
/// a world with planted groups most of a person's visits come through their group's channel, and an engine asked for a
/// "web" feed by an app visit would see one channel in the request and another in the events.
/// </summary>
public sealed class VisitChannelTests
{
    private sealed class ChannelSpy(SimWorld world) : IFeedSource
    {
        private readonly RandomFeedSource random = new(world, 1);
        public List<(string? Asked, HashSet<string> Carried)> Feeds { get; } = [];

        public Task<ShownFeed> GetFeedAsync(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count, CancellationToken cancel)
        {
            lock (Feeds) Feeds.Add((session.Channel, []));
            return random.GetFeedAsync(person, state, session, at, count, cancel);
        }

        public Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken cancel)
        {
            lock (Feeds) Feeds[^1].Carried.UnionWith(events.Select(e => e.Channel));
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Each_feed_is_asked_for_through_the_channel_its_events_carry()
    {
        var world = new SimWorld(new WorldSettings { Seed = 3, Users = 60, Items = 100, Segments = 4 });
        var spy = new ChannelSpy(world);

        await new AudienceSimulation(world, spy, feedSize: 5, channel: "web", eventPrefix: "t", parallel: 1).RunDayAsync(0);

        Assert.NotEmpty(spy.Feeds);
        Assert.All(spy.Feeds, f => Assert.True(f.Carried.Count == 0 || f.Carried.SetEquals([f.Asked!]), $"asked {f.Asked}, events {string.Join(",", f.Carried)}"));
        Assert.True(spy.Feeds.Select(f => f.Asked).Distinct().Count() >= 3, "the groups' channels, not the run's alone");
    }
}
