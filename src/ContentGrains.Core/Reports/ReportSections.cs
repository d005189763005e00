using ContentGrains.Core.Kpis;

namespace ContentGrains.Core.Reports;

/// <summary>One arm of an experiment in a report: persons exposed, the primary metric's interval, and the arm's CTR over the
/// log's events of the persons it exposed, from each one's first exposure until the experiment stopped.</summary>
public sealed record ArmSummary(string Arm, long Persons, string? Metric, double? Value, double? Low, double? High, long Impressions, long Clicks, ProportionInterval? EventCtr);

/// <summary>An experiment in a report: its status, arms, and decision with the reason.</summary>
public sealed record ExperimentSummary(string Id, string Status, string Verdict, string? DecisionArm, string Reason, IReadOnlyList<ArmSummary> Arms);

/// <summary>One headline variant's posterior: counts, posterior mean with its 95 % credible interval, and P(best).</summary>
public sealed record VariantSummary(string VariantId, long Impressions, long Clicks, double Mean, double Low, double High, double ProbabilityBest);

/// <summary>An item's headline test: its state, the winner (when declared) and each variant's posterior.</summary>
public sealed record BanditSummary(string ItemId, string State, string? Winner, string? Leader, IReadOnlyList<VariantSummary> Variants);

/// <summary>
/// What the report can say about sentiment: where it comes from and the alerts it has. Live alerts come from the live
/// sentiment work through <see cref="ISentimentReportSource"/>; until that is registered the section says that only the
/// offline classifier (the CLI's) exists.
/// </summary>
public sealed record SentimentSummary(string Source, string Status, IReadOnlyList<SentimentAlertSummary> Alerts);

/// <summary>A sentiment alert as a report shows it.</summary>
public sealed record SentimentAlertSummary(string Key, DateTimeOffset Window, long Comments, double NegativeShare, string Reason);

/// <summary>The one seam for sentiment in reports: the live sentiment work implements it; the default says what exists today.</summary>
public interface ISentimentReportSource
{
    /// <summary>The tenant's own sentiment (its model and its series' alerts; <see cref="Tenants.TenantKeys.Default"/> for the default tenant), keys as the tenant names them.</summary>
    Task<SentimentSummary> SummarizeAsync(string tenant, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellation = default);
}

/// <summary>The sentiment source of a report made offline from a data file: no engine, so no live scores or alerts.</summary>
public sealed class OfflineSentimentOnly : ISentimentReportSource
{
    public Task<SentimentSummary> SummarizeAsync(string tenant, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellation = default) =>
        Task.FromResult(new SentimentSummary("offline-classifier",
            "an offline report has no live sentiment: score texts with contentgrains sentiment score, or ask a running engine's report for its alerts", []));
}

/// <summary>A key of a segment with its share of the segment's impressions and CTR there (from the cube).</summary>
public sealed record SegmentTop(string Key, double ImpressionShare, double? Ctr);

/// <summary>
/// A segment in a report: people (noisy in a private report), its top topics, formats, channels and hours by impressions,
/// per channel its busiest hour (when the segment comes there), and its winning topic (the highest lower CTR bound).
/// </summary>
public sealed record SegmentSummary(string Segment, long People, double Share, IReadOnlyDictionary<string, IReadOnlyList<SegmentTop>> Top,
    IReadOnlyDictionary<string, SegmentTop>? BestHourByChannel = null, SegmentTop? WinningTopic = null);

/// <summary>The segments section: which segment model labelled the people, and each segment.</summary>
public sealed record SegmentsSection(long? ModelVersion, string Source, IReadOnlyList<SegmentSummary> Segments);
