namespace ContentGrains.Core.Variants;

/// <summary>One variant in a test report: counts, posterior mean with its 95% interval, P(best) and expected loss.</summary>
public sealed record VariantStanding(
    HeadlineVariant Variant, long Impressions, long Clicks, double Mean, double Low, double High, double ProbabilityBest, double ExpectedLoss);

/// <summary>A headline test's report: its state, the variant served once it is over, and every variant's standing.</summary>
public sealed record VariantReport(VariantTestState State, string? Served, DateTimeOffset? DecidedAt, IReadOnlyList<VariantStanding> Variants);
