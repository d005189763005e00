namespace ContentGrains.Core.Variants;

/// <summary>A validated headline variant of an item: what a feed shows instead of the plain title while it is tested.</summary>
public sealed record HeadlineVariant(string Id, string Headline, string? ThumbnailUrl, string? Summary);

/// <summary>A variant as a client sends it; any field may be missing or wrong.</summary>
public sealed record VariantInput(string? Id, string? Headline, string? ThumbnailUrl, string? Summary);
