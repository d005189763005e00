namespace ContentGrains.Abstractions;

/// <summary>A person's consent: to personalisation (a profile and a personal feed) and to tracking (their events stored).</summary>
/// <remarks><c>UpdatedAt</c> is null while the person never set one (both granted by default).</remarks>
[GenerateSerializer, Immutable, Alias("cg.ConsentView")]
public sealed record ConsentView([property: Id(0)] bool Personalisation, [property: Id(1)] bool Tracking, [property: Id(2)] DateTimeOffset? UpdatedAt);

/// <summary>
/// What a deletion removed: the person's event-log rows (and with them their dedupe entries), their profile snapshot
/// (history, interests, segment inputs, channel exposure, settings). <c>ConsentKept</c>: a consent that withdraws
/// something is kept, so the refusal outlives the deletion. <c>Note</c> says what happens to this id's later events.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.UserErasure")]
public sealed record UserErasure(
    [property: Id(0)] string UserId,
    [property: Id(1)] long EventsErased,
    [property: Id(2)] bool SnapshotErased,
    [property: Id(3)] bool ConsentKept,
    [property: Id(4)] DateTimeOffset ErasedAt,
    [property: Id(5)] string Note);

/// <summary>One send recorded for the person on a channel, and when they first opened and clicked it there.</summary>
[GenerateSerializer, Immutable, Alias("cg.SendView")]
public sealed record SendView([property: Id(0)] string Channel, [property: Id(1)] string ItemId, [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DateTimeOffset? OpenedAt, [property: Id(4)] DateTimeOffset? ClickedAt);

/// <summary>A "see less" mark the person left on a channel.</summary>
[GenerateSerializer, Immutable, Alias("cg.SeeLessView")]
public sealed record SeeLessView([property: Id(0)] string Channel, [property: Id(1)] DateTimeOffset At);

/// <summary>The person's channel exposure: the sends to them, their "see less" marks.</summary>
[GenerateSerializer, Immutable, Alias("cg.ExposureView")]
public sealed record ExposureView([property: Id(0)] IReadOnlyList<SendView> Sends, [property: Id(1)] IReadOnlyList<SeeLessView> SeeLess);

/// <summary>Everything held about a person except their events, which are read page by page (<see cref="ExportedEventsPage"/>).</summary>
[GenerateSerializer, Immutable, Alias("cg.UserExport")]
public sealed record UserExport(
    [property: Id(0)] string UserId,
    [property: Id(1)] DateTimeOffset ExportedAt,
    [property: Id(2)] UserProfileView Profile,
    [property: Id(3)] UserSettings Settings,
    [property: Id(4)] UserSegment Segment,
    [property: Id(5)] ConsentView Consent,
    [property: Id(6)] ExposureView Exposure);

/// <summary>One of the person's events as the log holds it.</summary>
[GenerateSerializer, Immutable, Alias("cg.ExportedEvent")]
public sealed record ExportedEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string EventId,
    [property: Id(2)] string ItemId,
    [property: Id(3)] string Type,
    [property: Id(4)] DateTimeOffset Timestamp,
    [property: Id(5)] string Channel,
    [property: Id(6)] double DwellSeconds,
    [property: Id(7)] double? Value,
    [property: Id(8)] string? Text,
    [property: Id(9)] string? Variant);

/// <summary>A page of the person's events in log order; <c>NextAfter</c> is the sequence to ask after next, null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("cg.ExportedEventsPage")]
public sealed record ExportedEventsPage([property: Id(0)] IReadOnlyList<ExportedEvent> Events, [property: Id(1)] long? NextAfter);

/// <summary>
/// A person's privacy: delete, export, consent. Implemented by the user grain (key: user id), so every call about a
/// person runs in turn with the events applied to them. <c>requestedBy</c> is the API key's name, for the privacy audit.
/// </summary>
public interface IUserPrivacyGrain : IGrainWithStringKey
{
    /// <summary>Erases everything held about the person and deactivates their grain. Idempotent.</summary>
    Task<UserErasure> EraseAsync(string requestedBy);
    /// <summary>Everything held about the person but their events; logs the export in the audit.</summary>
    Task<UserExport> ExportAsync(string requestedBy);
    /// <summary>Up to <paramref name="limit"/> (1-10,000) of the person's events after log sequence <paramref name="afterSequence"/>.</summary>
    Task<ExportedEventsPage> GetEventsPageAsync(long afterSequence, int limit);
    Task<ConsentView> GetConsentAsync();
    /// <summary>Stores the consent and applies it at once (see README "Privacy"); logs the change in the audit.</summary>
    Task<ConsentView> PutConsentAsync(bool personalisation, bool tracking, string requestedBy);
}

/// <summary>
/// One run of the event retention: the cutoff (events with an event time before it went), how many events went, in how
/// many bounded batches. <c>Note</c> says why nothing ran (retention off).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.RetentionRun")]
public sealed record RetentionRun(
    [property: Id(0)] int EventDays,
    [property: Id(1)] DateTimeOffset? Cutoff,
    [property: Id(2)] long Expired,
    [property: Id(3)] int Batches,
    [property: Id(4)] double Seconds,
    [property: Id(5)] string? Note = null);

/// <summary>Expires old events from the log on a reminder when ContentGrains:Engine:Retention:EventDays is set (key "default").</summary>
public interface IRetentionGrain : IGrainWithStringKey
{
    /// <summary>Expires now (a run already going is joined, not repeated).</summary>
    Task<RetentionRun> RunAsync();
    /// <summary>Whether the reminder is registered: true exactly when retention is on.</summary>
    Task<bool> IsScheduledAsync();
}
