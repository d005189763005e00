namespace ContentGrains.Abstractions;

/// <summary>An interaction as a client sends it. Validation happens on the silo; every field may be missing here.</summary>
[GenerateSerializer, Immutable, Alias("cg.InteractionEvent")]
public sealed record InteractionEvent
{
    [Id(0)] public string? EventId { get; init; }
    [Id(1)] public string? UserId { get; init; }
    [Id(2)] public string? ItemId { get; init; }
    /// <summary>impression, view, click, like, share, comment, dislike, conversion or dwell.</summary>
    [Id(3)] public string? Type { get; init; }
    [Id(4)] public DateTimeOffset? Timestamp { get; init; }
    [Id(5)] public string? Channel { get; init; }
    [Id(6)] public double? DwellSeconds { get; init; }
    [Id(7)] public double? Value { get; init; }
    [Id(8)] public string? Text { get; init; }
    /// <summary>The headline variant the person saw (FeedItem.Variant), on impressions and clicks of an item under a headline test.</summary>
    [Id(9)] public string? Variant { get; init; }
}

/// <summary>Why one entry of a batch (an event, an item) was refused: its position in the batch, the field and the reason.</summary>
[GenerateSerializer, Immutable, Alias("cg.Rejection")]
public sealed record Rejection([property: Id(0)] int Index, [property: Id(1)] string Field, [property: Id(2)] string Reason);

/// <summary>
/// The answer to a batch of events. Accepted events are durable in the event log.
/// Duplicates are events whose id the log already holds; they change nothing.
/// UnknownItems counts accepted events about items that have no metadata yet.
/// DispatchPending (absent when none) counts accepted events not yet applied to their user and item grains because
/// that step failed (a silo lost mid-dispatch): they are stored all the same, and reach the grains from the log (a
/// background retry, and every grain's replay of the log when it next activates); UnknownItems is then not known (0).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.IngestResult")]
public sealed record IngestResult(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] IReadOnlyList<Rejection> Rejected,
    [property: Id(3)] int UnknownItems,
    [property: Id(4)] IReadOnlyList<Rejection>? Warnings = null,
    [property: Id(5)] int? DispatchPending = null);
