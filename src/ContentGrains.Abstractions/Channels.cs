namespace ContentGrains.Abstractions;

/// <summary>
/// One delivery channel (key: channel id such as web, app-push, email, social): its rules, its send plans and the
/// record of what was sent. Each person's exposure lives in their user grain, which checks every send.
/// </summary>
public interface IChannelGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the rules. Returns the field errors, empty when stored.</summary>
    Task<IReadOnlyList<FieldError>> PutRulesAsync(ChannelRulesSpec rules);
    /// <summary>Null when the channel has no rules yet.</summary>
    Task<ChannelView?> GetAsync();
    /// <summary>A plan for one page of the audience over the horizon; null when the channel has no rules.</summary>
    Task<ChannelPlan?> PlanAsync(int horizonHours, string? afterPerson, int persons);
    /// <summary>Records sends that were made: each goes to its person's user grain, which refuses one that breaks a rule.</summary>
    Task<SendsResult?> RecordSendsAsync(IReadOnlyList<SendSpec> sends);
    /// <summary>Learns the send-time model from the event log now (also done when a plan finds it missing or stale).</summary>
    Task<SendTimeSummary> LearnAsync();
}

/// <summary>A channel's rules as clients send them; unset values take the defaults. Spans are in minutes.</summary>
[GenerateSerializer, Immutable, Alias("cg.ChannelRulesSpec")]
public sealed record ChannelRulesSpec
{
    [Id(0)] public IReadOnlyList<string>? Formats { get; init; }
    [Id(1)] public int? CapPerDay { get; init; }
    [Id(2)] public int? CapPerWeek { get; init; }
    [Id(3)] public int? AllChannelsPerDay { get; init; }
    [Id(4)] public double? MinGapMinutes { get; init; }
    [Id(5)] public int? QuietStartHour { get; init; }
    [Id(6)] public int? QuietEndHour { get; init; }
    [Id(7)] public double? CostPerSend { get; init; }
    [Id(8)] public double? FatigueFactor { get; init; }
    [Id(9)] public int? IgnoredSendsForFatigue { get; init; }
    [Id(10)] public double? OpenWindowMinutes { get; init; }
    [Id(11)] public double? FatigueMemoryMinutes { get; init; }
}

/// <summary>A channel: its rules (every value filled in), when they were set, and what the send-time model learned.</summary>
[GenerateSerializer, Immutable, Alias("cg.ChannelView")]
public sealed record ChannelView(
    [property: Id(0)] string Id,
    [property: Id(1)] ChannelRulesSpec Rules,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] SendTimeSummary? SendTime);

/// <summary>The send-time model as last learned: sends and opens read, people, this channel's best local hour and its open rate.</summary>
[GenerateSerializer, Immutable, Alias("cg.SendTimeSummary")]
public sealed record SendTimeSummary(
    [property: Id(0)] DateTimeOffset LearnedAt,
    [property: Id(1)] long EventsRead,
    [property: Id(2)] long Sends,
    [property: Id(3)] long Opens,
    [property: Id(4)] int Persons,
    [property: Id(5)] int BestLocalHour,
    [property: Id(6)] double BestHourOpenRate);

/// <summary>One planned send: to a person (with their segment, null when none), when, and what it is expected to bring.</summary>
[GenerateSerializer, Immutable, Alias("cg.PlannedSend")]
public sealed record PlannedSend(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string PersonId,
    [property: Id(2)] string? Segment,
    [property: Id(3)] DateTimeOffset SendAt,
    [property: Id(4)] double ExpectedOpens,
    [property: Id(5)] double ExpectedClicks,
    [property: Id(6)] double Cost);

/// <summary>
/// A plan for one page of people. NextAfter is the cursor for the next page (null on the last). Items lists the
/// candidate items considered (the bound on items); Persons the people planned in this page.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ChannelPlan")]
public sealed record ChannelPlan(
    [property: Id(0)] string Channel,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] int HorizonHours,
    [property: Id(3)] IReadOnlyList<PlannedSend> Entries,
    [property: Id(4)] int Persons,
    [property: Id(5)] IReadOnlyList<string> Items,
    [property: Id(6)] string? NextAfter,
    [property: Id(7)] double ExpectedOpens,
    [property: Id(8)] double ExpectedClicks,
    [property: Id(9)] double Cost);

/// <summary>A send that was made: to whom, which item, when (now when missing).</summary>
[GenerateSerializer, Immutable, Alias("cg.SendSpec")]
public sealed record SendSpec([property: Id(0)] string? PersonId, [property: Id(1)] string? ItemId, [property: Id(2)] DateTimeOffset? At);

/// <summary>What recording sends did: how many were recorded, and each refused one.</summary>
[GenerateSerializer, Immutable, Alias("cg.SendsResult")]
public sealed record SendsResult([property: Id(0)] int Recorded, [property: Id(1)] IReadOnlyList<SendRefusal> Refused);

/// <summary>
/// A send that was not recorded: its position in the request, the person, and why (quiet-hours, cap-per-day,
/// cap-per-week, all-channels-per-day, min-gap, already-sent, or an invalid field).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.SendRefusal")]
public sealed record SendRefusal([property: Id(0)] int Index, [property: Id(1)] string? PersonId, [property: Id(2)] string Reason);

/// <summary>A person's settings. TimeZone: an IANA id (e.g. Europe/Paris); UTC until set.</summary>
[GenerateSerializer, Immutable, Alias("cg.UserSettings")]
public sealed record UserSettings([property: Id(0)] string? TimeZone);
