namespace ContentGrains.Core.Simulation;

/// <summary>A feed as the simulated person receives it: item ids in slot order, what ranked them, and per slot the headline
/// variant the engine chose to show (null where the item is under no headline test; the list itself null when none is).</summary>
public sealed record ShownFeed(IReadOnlyList<string> ItemIds, string Model, IReadOnlyList<string?>? Variants = null);

/// <summary>Where the simulated audience gets feeds (the engine over HTTP, or an in-memory policy) and sends what it did.</summary>
public interface IFeedSource
{
    Task<ShownFeed> GetFeedAsync(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count, CancellationToken cancel);

    Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken cancel);
}
