namespace ContentGrains.Abstractions;

/// <summary>A headline variant of an item as a content team writes it (ItemMetadata.Variants).</summary>
[GenerateSerializer, Immutable, Alias("cg.HeadlineVariantSpec")]
public sealed record HeadlineVariantSpec
{
    /// <summary>1-128 letters, digits and _ - . : @; unique within the item. Events name it in their "variant" field.</summary>
    [Id(0)] public string? Id { get; init; }
    [Id(1)] public string? Headline { get; init; }
    [Id(2)] public string? ThumbnailUrl { get; init; }
    [Id(3)] public string? Summary { get; init; }
}

/// <summary>The variant a feed shows for an item: send its id back in the "variant" field of the impression and click events.</summary>
[GenerateSerializer, Immutable, Alias("cg.ShownVariant")]
public sealed record ShownVariant(
    [property: Id(0)] string VariantId,
    [property: Id(1)] string Headline,
    [property: Id(2)] string? ThumbnailUrl = null,
    [property: Id(3)] string? Summary = null);

/// <summary>One variant of a headline test: counts, posterior CTR mean with its 95% credible interval, P(best), expected loss.</summary>
[GenerateSerializer, Immutable, Alias("cg.VariantStandingView")]
public sealed record VariantStandingView(
    [property: Id(0)] string VariantId,
    [property: Id(1)] string Headline,
    [property: Id(2)] string? ThumbnailUrl,
    [property: Id(3)] string? Summary,
    [property: Id(4)] long Impressions,
    [property: Id(5)] long Clicks,
    [property: Id(6)] double Mean,
    [property: Id(7)] double Low,
    [property: Id(8)] double High,
    [property: Id(9)] double ProbabilityBest,
    [property: Id(10)] double ExpectedLoss);

/// <summary>An item's headline test: state (running, winner-declared, stopped), the variant served once over, every variant.</summary>
[GenerateSerializer, Immutable, Alias("cg.VariantTestView")]
public sealed record VariantTestView(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string State,
    [property: Id(2)] string? Served,
    [property: Id(3)] DateTimeOffset? DecidedAt,
    [property: Id(4)] IReadOnlyList<VariantStandingView> Variants);

/// <summary>What stopping a headline test did.</summary>
[GenerateSerializer]
public enum VariantStopStatus { Stopped, NoTest, UnknownVariant }

[GenerateSerializer, Immutable, Alias("cg.VariantStop")]
public sealed record VariantStop([property: Id(0)] VariantStopStatus Status, [property: Id(1)] VariantTestView? Test);
