namespace ContentGrains.Core.Events;

/// <summary>A validated interaction. Only <see cref="EventValidator"/> makes these from client input.</summary>
public sealed record Interaction(
    string EventId,
    string UserId,
    string ItemId,
    EventType Type,
    DateTimeOffset Timestamp,
    string Channel,
    double DwellSeconds,
    double? Value,
    string? Text,
    string? Variant = null);

/// <summary>An interaction as the event log holds it: Sequence is its position in the log, unique and increasing.</summary>
public sealed record LoggedInteraction(long Sequence, Interaction Event);
