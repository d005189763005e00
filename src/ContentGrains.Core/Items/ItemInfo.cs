namespace ContentGrains.Core.Items;

/// <summary>Validated, normalised item metadata (tags and channels lower-case, distinct).</summary>
public sealed record ItemInfo(
    string? Title,
    string? Text,
    IReadOnlyList<string> Tags,
    string? Format,
    string? Creator,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<string> Channels,
    IReadOnlyList<Variants.HeadlineVariant>? Variants = null);

/// <summary>Item metadata as a client sends it.</summary>
public sealed record ItemInput(
    string? Title,
    string? Text,
    IReadOnlyList<string?>? Tags,
    string? Format,
    string? Creator,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<string?>? Channels,
    IReadOnlyList<Variants.VariantInput?>? Variants = null);
