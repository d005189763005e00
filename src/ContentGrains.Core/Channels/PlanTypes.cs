namespace ContentGrains.Core.Channels;

/// <summary>A candidate item for a plan: its format (checked against the channel's) and its click-through prior per open.</summary>
public sealed record PlanItem(string ItemId, string? Format, double CtrPrior);

/// <summary>A person to plan for: their segment (null: none) and their exposure as their user grain holds it.</summary>
public sealed record PlanPerson(string PersonId, string? Segment, PersonExposure Exposure);

/// <summary>One planned send: expected opens from the send-time model at that hour, expected clicks = opens × the item's CTR prior.</summary>
public sealed record PlanEntry(string ItemId, string PersonId, string? Segment, DateTimeOffset SendAt, double ExpectedOpens, double ExpectedClicks, double Cost);
