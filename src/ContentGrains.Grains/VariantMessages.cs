using ContentGrains.Abstractions;
using ContentGrains.Core.Variants;

namespace ContentGrains.Grains;

/// <summary>An item's <see cref="VariantPosteriors"/> on the wire: variants, the Beta parameters, the served variant.</summary>
[GenerateSerializer, Immutable, Alias("cg.VariantPosteriorsMessage")]
public sealed record VariantPosteriorsMessage(
    [property: Id(0)] string ItemId,
    [property: Id(1)] IReadOnlyList<ShownVariant> Variants,
    [property: Id(2)] double[] Alphas,
    [property: Id(3)] double[] Betas,
    [property: Id(4)] string? Served)
{
    public static VariantPosteriorsMessage From(VariantPosteriors p) => new(
        p.ItemId, p.Variants.Select(VariantMapping.ToShown).ToList(),
        p.Posteriors.Select(b => b.Alpha).ToArray(), p.Posteriors.Select(b => b.Beta).ToArray(), p.Served);

    public VariantPosteriors ToPosteriors() => new(
        ItemId, Variants.Select(v => new HeadlineVariant(v.VariantId, v.Headline, v.ThumbnailUrl, v.Summary)).ToList(),
        Alphas.Select((a, i) => new BetaPosterior(a, Betas[i])).ToList(), Served);
}

/// <summary>The variant board's table at a version (the whole table: it holds only the items under test).</summary>
[GenerateSerializer, Immutable, Alias("cg.VariantBoardChanges")]
public sealed record VariantBoardChanges(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<VariantPosteriorsMessage> Items);
