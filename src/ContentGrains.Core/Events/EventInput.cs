namespace ContentGrains.Core.Events;

/// <summary>Client input before validation: any field may be missing or wrong.</summary>
public sealed record EventInput(
    string? EventId,
    string? UserId,
    string? ItemId,
    string? Type,
    DateTimeOffset? Timestamp,
    string? Channel,
    double? DwellSeconds,
    double? Value,
    string? Text,
    string? Variant = null);

/// <summary>A field that was refused and why.</summary>
public sealed record FieldProblem(string Field, string Reason);
