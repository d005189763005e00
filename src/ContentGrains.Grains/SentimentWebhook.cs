using System.Net.Http.Json;
using System.Threading.Channels;
using ContentGrains.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Sends new sentiment alerts to SentimentOptions.WebhookUrl, when one is set, as a JSON POST of
/// <c>{"alerts":[…]}</c>. <see cref="Send"/> only queues (at most 1,000 calls waiting; more are dropped and logged), and
/// one loop off the Orleans scheduler posts them: a failure (an error status, a timeout, no listener) is tried again
/// after WebhookRetryDelay, doubling, up to WebhookAttempts tries in all, then logged and given up. So a slow or dead
/// receiver never holds up ingestion, scoring or the alert itself, which stays in GET /v1/alerts/sentiment.
/// </summary>
public sealed class SentimentWebhook : IAsyncDisposable
{
    private const int MaxWaiting = 1_000;
    private readonly Channel<IReadOnlyList<SentimentAlertView>> calls =
        Channel.CreateBounded<IReadOnlyList<SentimentAlertView>>(new BoundedChannelOptions(MaxWaiting) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stopping = new();
    private readonly SentimentOptions settings;
    private readonly ILogger<SentimentWebhook> logger;
    private readonly HttpClient http;
    private readonly Lazy<Task> loop;
    private long delivered, failed;

    public SentimentWebhook(IOptions<EngineOptions> options, ILogger<SentimentWebhook> logger)
    {
        settings = options.Value.Sentiment;
        this.logger = logger;
        http = new HttpClient { Timeout = settings.WebhookTimeout };
        loop = new Lazy<Task>(() => Task.Run(RunAsync));
    }

    /// <summary>Calls delivered and calls given up after every try, since the silo started.</summary>
    public (long Delivered, long Failed) Statistics => (Interlocked.Read(ref delivered), Interlocked.Read(ref failed));

    public void Send(IReadOnlyList<SentimentAlertView> alerts)
    {
        if (string.IsNullOrWhiteSpace(settings.WebhookUrl) || alerts.Count == 0) return;
        _ = loop.Value;
        if (!calls.Writer.TryWrite(alerts))
            logger.LogError("Sentiment webhook queue full ({Max} calls): {Count} alerts not sent (they stay in GET /v1/alerts/sentiment)", MaxWaiting, alerts.Count);
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var alerts in calls.Reader.ReadAllAsync(stopping.Token).ConfigureAwait(false))
                await DeliverAsync(alerts).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
    }

    private async Task DeliverAsync(IReadOnlyList<SentimentAlertView> alerts)
    {
        var delay = settings.WebhookRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var problem = await TryPostAsync(alerts).ConfigureAwait(false);
            if (problem is null)
            {
                Interlocked.Increment(ref delivered);
                return;
            }
            if (attempt >= Math.Max(1, settings.WebhookAttempts))
            {
                Interlocked.Increment(ref failed);
                logger.LogError("Sentiment webhook {Url} failed {Attempts} times ({Problem}): {Count} alerts not delivered", settings.WebhookUrl, attempt, problem, alerts.Count);
                return;
            }
            logger.LogWarning("Sentiment webhook {Url} failed ({Problem}); try {Next} in {Delay}", settings.WebhookUrl, problem, attempt + 1, delay);
            await Task.Delay(delay, stopping.Token).ConfigureAwait(false);
            delay *= 2;
        }
    }

    /// <summary>Null when the receiver answered 2xx, else what went wrong.</summary>
    private async Task<string?> TryPostAsync(IReadOnlyList<SentimentAlertView> alerts)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(settings.WebhookUrl, new { alerts }, stopping.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"status {(int)response.StatusCode}";
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
        {
            return error.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        calls.Writer.TryComplete();
        if (loop.IsValueCreated) await loop.Value.ConfigureAwait(false);
        http.Dispose();
        stopping.Dispose();
    }
}
