namespace ContentGrains.Core.Simulation;

/// <summary>An event the simulated audience sends to the engine, with the API's field names and types; impressions and
/// clicks of an item under a headline test name the variant shown.</summary>
public sealed record SimEvent(string EventId, string UserId, string ItemId, string Type, DateTimeOffset Timestamp,
    string Channel, double? DwellSeconds = null, string? Variant = null);

/// <summary>What happened in one slot of a shown feed: the oracle's click probability at the moment it was shown, and the outcome.</summary>
public sealed record SlotOutcome(string ItemId, int Slot, double OracleProbability, bool Examined, bool Clicked, double DwellSeconds, bool Liked);

/// <summary>One shown feed (the visit's feed number, and when): the slots, the events to send back, and the expected clicks of
/// the oracle's best feed and of a random feed of the same size in its place.</summary>
public sealed record FeedOutcome(int FeedNumber, DateTimeOffset ShownAt, IReadOnlyList<SlotOutcome> Slots, IReadOnlyList<SimEvent> Events,
    double OracleExpectedClicks, double RandomExpectedClicks)
{
    public int Clicks => Slots.Count(s => s.Clicked);
    public int Likes => Slots.Count(s => s.Liked);
}
