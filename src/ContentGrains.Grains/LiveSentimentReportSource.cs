using ContentGrains.Abstractions;
using ContentGrains.Core.Reports;
using ContentGrains.Core.Sentiment;

namespace ContentGrains.Grains;

/// <summary>
/// A report's sentiment section from the live engine: which of the tenant's model versions scores its comments, and the
/// alerts raised on the tenant's series in the report's period (item, tag and topic series), newest first, keyed as the
/// tenant names them (kind:id). Each tenant's model and alerts grains are its own (<see cref="SentimentOptions.KeyOf"/>),
/// so a tenant's report never reads another tenant's.
/// </summary>
public sealed class LiveSentimentReportSource(IGrainFactory grains) : ISentimentReportSource
{
    /// <summary>The most alerts a report lists.</summary>
    public const int MaxAlerts = 100;

    public async Task<SentimentSummary> SummarizeAsync(string tenant, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellation = default)
    {
        var key = SentimentOptions.KeyOf(tenant);
        var model = await grains.GetGrain<ISentimentModelGrain>(key).GetLatestAsync();
        if (model is null)
            return new SentimentSummary("live", "no sentiment model stored yet (POST /v1/sentiment/train or PUT /v1/sentiment/model): comments are not scored", []);
        var alerts = await grains.GetGrain<ISentimentAlertsGrain>(key).ListAsync(null, from, MaxAlerts);
        var inPeriod = alerts.Where(a => to is null || a.WindowStart < to).Select(a => new SentimentAlertSummary(SentimentKeys.Split(a.Key).Local, a.WindowStart, a.Total, a.NegativeShare,
            $"{a.Negative} of {a.Total} comments negative ({a.NegativeShare:P0}) against a usual {a.UsualShare:P0}")).ToList();
        return new SentimentSummary("live", $"comments scored by sentiment model version {model.Version} ({model.Source}); {inPeriod.Count} alerts in the period", inPeriod);
    }
}
