using ContentGrains.Core.Kpis;

namespace ContentGrains.Core.Reports;

/// <summary>
/// One row of the performance tables: a cell, a marginal (one axis's value) or a fold of small cells; the counts
/// (rounded noisy sums in a private report) and each KPI with its interval. Retention is that of the people whose first
/// event in the window fell here (their cohort), day 1 and day 7 after it.
/// </summary>
public sealed record PerformanceRow(
    IReadOnlyDictionary<string, string> Keys,
    long Impressions,
    long Clicks,
    ProportionInterval? Ctr,
    MeanInterval? Dwell,
    ProportionInterval? Day1Retention,
    ProportionInterval? Day7Retention);

/// <summary>
/// The performance section: cells of topic × format × channel × hour × segment (the largest <see cref="MaxRows"/> with
/// at least <see cref="MinCellImpressions"/> impressions; the rest folded into one row), every axis's marginals, and what
/// the bounds did: cells folded by the memory bound, events left out by the contribution clip (private reports only:
/// <see cref="Bounds"/> is null for an exact report, which counts every event), non-human traffic left out.
/// In a private report the counts that would identify people (folded, clipped, people) are null.
/// </summary>
public sealed record PerformanceSection(
    double Confidence,
    string ProportionInterval,
    string MeanInterval,
    string HourClock,
    int MaxCells,
    long MinCellImpressions,
    int MaxRows,
    ContributionBounds? Bounds,
    PerformanceRow Overall,
    IReadOnlyList<PerformanceRow> Cells,
    PerformanceRow? SmallCells,
    int CellsTotal,
    IReadOnlyDictionary<string, IReadOnlyList<PerformanceRow>> ByAxis,
    long? FoldedEvents,
    long? ClippedEvents,
    long? People,
    long EventsRead,
    TrafficExclusionSummary? ExcludedNonHuman);

/// <summary>How a private report was noised: the plan (epsilon split, each measure's sensitivity and scale) and what was left out.</summary>
public sealed record ReportPrivacy(double Epsilon, string Mechanism, double Delta, IReadOnlyList<PrivacyMeasure> Measures, IReadOnlyList<string> Statement);

/// <summary>
/// A content report: performance by topic × format × channel × hour × segment with intervals, plain-language findings
/// with their evidence, experiments, headline bandits, sentiment and segments. <see cref="Privacy"/> is null for an exact
/// report (for the engine's operators), else every aggregate that leaves the engine carries the plan's noise.
/// </summary>
public sealed record ContentReport(
    string Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string TopicSource,
    ReportPrivacy? Privacy,
    PerformanceSection Performance,
    IReadOnlyList<Finding> Findings,
    FindingsMethod FindingsMethod,
    IReadOnlyList<ExperimentSummary>? Experiments,
    IReadOnlyList<BanditSummary>? Bandits,
    SentimentSummary Sentiment,
    SegmentsSection Segments,
    IReadOnlyList<string> Notes,
    double Seconds);
