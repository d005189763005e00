namespace ContentGrains.Core.Simulation;

/// <summary>The oracle's own feed (the ceiling any recommender can reach) as a feed source, kept in memory.</summary>
public sealed class OracleFeedSource(SimWorld world) : IFeedSource
{
    public Task<ShownFeed> GetFeedAsync(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count, CancellationToken cancel) =>
        Task.FromResult(new ShownFeed(world.Policy.BestFeed(person, state, session, at, count).Select(i => i.Id).ToList(), "oracle"));

    public Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken cancel) => Task.CompletedTask;
}

/// <summary>Feeds of items drawn at random (without repeats) among those the person has not consumed: the floor.</summary>
public sealed class RandomFeedSource(SimWorld world, long seed) : IFeedSource
{
    private readonly SimRandom random = SimRandom.For(seed, SimRandom.Streams.RandomFeed, 0);
    private readonly Lock gate = new();

    public Task<ShownFeed> GetFeedAsync(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count, CancellationToken cancel)
    {
        var eligible = world.Items.Where(i => !state.Consumed.Contains(i.Traits.Index)).Select(i => i.Id).ToList();
        lock (gate)
        {
            // A partial Fisher–Yates shuffle: the first count entries are a uniform sample.
            for (var k = 0; k < Math.Min(count, eligible.Count); k++)
            {
                var j = k + random.NextInt(eligible.Count - k);
                (eligible[k], eligible[j]) = (eligible[j], eligible[k]);
            }
        }
        return Task.FromResult(new ShownFeed(eligible.Take(count).ToList(), "random"));
    }

    public Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken cancel) => Task.CompletedTask;
}
