namespace ContentGrains.Abstractions;

/// <summary>What a content team says about an item.</summary>
[GenerateSerializer, Immutable, Alias("cg.ItemMetadata")]
public sealed record ItemMetadata
{
    [Id(0)] public string? Title { get; init; }
    [Id(1)] public string? Text { get; init; }
    [Id(2)] public IReadOnlyList<string>? Tags { get; init; }
    [Id(3)] public string? Format { get; init; }
    [Id(4)] public string? Creator { get; init; }
    [Id(5)] public DateTimeOffset? PublishedAt { get; init; }
    [Id(6)] public IReadOnlyList<string>? Channels { get; init; }
    /// <summary>Headline variants to test (none, or 2 to 10): feeds then show one per impression, picked by Thompson sampling.</summary>
    [Id(7)] public IReadOnlyList<HeadlineVariantSpec>? Variants { get; init; }
}

/// <summary>Live counters of an item with its smoothed click-through rate.</summary>
[GenerateSerializer, Immutable, Alias("cg.ItemStats")]
public sealed record ItemStats
{
    [Id(0)] public long Impressions { get; init; }
    [Id(1)] public long Views { get; init; }
    [Id(2)] public long Clicks { get; init; }
    [Id(3)] public long Likes { get; init; }
    [Id(4)] public long Shares { get; init; }
    [Id(5)] public long Comments { get; init; }
    [Id(6)] public long Dislikes { get; init; }
    [Id(7)] public long Conversions { get; init; }
    [Id(8)] public double DwellSeconds { get; init; }
    /// <summary>(clicks + a) / (impressions + b), so a new item starts at the prior a/b instead of 0 or 1.</summary>
    [Id(9)] public double SmoothedCtr { get; init; }
}

/// <summary>An item as the API shows it: metadata (null when only events have named it) and its statistics.</summary>
[GenerateSerializer, Immutable, Alias("cg.ItemView")]
public sealed record ItemView(
    [property: Id(0)] string ItemId,
    [property: Id(1)] ItemMetadata? Metadata,
    [property: Id(2)] ItemStats Stats);

/// <summary>Why an item write was refused.</summary>
[GenerateSerializer, Immutable, Alias("cg.FieldError")]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Reason);

/// <summary>One entry of a bulk item import.</summary>
[GenerateSerializer, Immutable, Alias("cg.ItemUpsert")]
public sealed record ItemUpsert([property: Id(0)] string? ItemId, [property: Id(1)] ItemMetadata Metadata);

/// <summary>The answer to a bulk item import.</summary>
[GenerateSerializer, Immutable, Alias("cg.ImportResult")]
public sealed record ImportResult(
    [property: Id(0)] int Stored,
    [property: Id(1)] IReadOnlyList<Rejection> Rejected,
    [property: Id(2)] IReadOnlyList<Rejection>? Warnings = null);
