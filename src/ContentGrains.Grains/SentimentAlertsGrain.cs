using ContentGrains.Abstractions;
using ContentGrains.Core.Sentiment;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One tenant's sentiment alerts (key: <see cref="SentimentOptions.KeyOf"/>, "default" for the default tenant), newest first, in grain storage. A new alert is written down, logged
/// as one line, and handed to the silo's <see cref="SentimentWebhook"/> (which sends it in the background); an alert
/// already held (same series and window) changes nothing.
/// </summary>
public sealed class SentimentAlertsGrain(
    [PersistentState("sentiment-alerts", ContentGrainsNames.SnapshotStorage)] IPersistentState<SentimentAlertsState> state,
    SentimentWebhook webhook,
    IOptions<EngineOptions> options,
    ILogger<SentimentAlertsGrain> logger) : Grain, ISentimentAlertsGrain, ISentimentAlertsRaiseGrain
{
    public async Task RaiseAsync(IReadOnlyList<SentimentAlertView> alerts)
    {
        var log = new SentimentAlertLog<SentimentAlertView>(options.Value.Sentiment.AlertsKept, a => (a.Key, a.WindowStart), state.State.Alerts);
        var fresh = log.Add(alerts);
        if (fresh.Count == 0) return;
        await state.WriteStateAsync();
        foreach (var a in fresh)
        {
            EngineMetrics.SentimentAlerts.Add(1, new KeyValuePair<string, object?>("kind", a.Kind));
            logger.LogWarning("Sentiment alert: {Key} window {WindowStart:u} has {Negative} negative of {Total} comments ({Share:P0}, usually {Usual:P0}; tail probability {Tail:E1})",
                a.Key, a.WindowStart, a.Negative, a.Total, a.NegativeShare, a.UsualShare, a.TailProbability);
        }
        webhook.Send(fresh);
    }

    public Task<IReadOnlyList<SentimentAlertView>> ListAsync(string? kind, DateTimeOffset? since, int count) =>
        Task.FromResult<IReadOnlyList<SentimentAlertView>>(state.State.Alerts
            .Where(a => kind is null || a.Kind == kind)
            .Where(a => since is null || a.WindowStart >= since)
            .Take(count).ToList());
}
