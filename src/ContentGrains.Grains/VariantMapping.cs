using ContentGrains.Abstractions;
using ContentGrains.Core.Variants;

namespace ContentGrains.Grains;

/// <summary>Between the public headline-test records and Core's.</summary>
public static class VariantMapping
{
    public static IReadOnlyList<VariantInput?>? ToInputs(IReadOnlyList<HeadlineVariantSpec?>? specs) =>
        specs?.Select(s => s is null ? null : new VariantInput(s.Id, s.Headline, s.ThumbnailUrl, s.Summary)).ToList();

    public static IReadOnlyList<HeadlineVariantSpec>? ToSpecs(IReadOnlyList<HeadlineVariant>? variants) =>
        variants?.Select(v => new HeadlineVariantSpec { Id = v.Id, Headline = v.Headline, ThumbnailUrl = v.ThumbnailUrl, Summary = v.Summary }).ToList();

    public static ShownVariant ToShown(HeadlineVariant v) => new(v.Id, v.Headline, v.ThumbnailUrl, v.Summary);

    public static VariantTestView ToView(string itemId, VariantReport report) => new(
        itemId, report.State.Name(), report.Served, report.DecidedAt,
        report.Variants.Select(s => new VariantStandingView(s.Variant.Id, s.Variant.Headline, s.Variant.ThumbnailUrl, s.Variant.Summary,
            s.Impressions, s.Clicks, Math.Round(s.Mean, 6), Math.Round(s.Low, 6), Math.Round(s.High, 6),
            Math.Round(s.ProbabilityBest, 4), Math.Round(s.ExpectedLoss, 6))).ToList());
}
