using ContentGrains.Core.Sentiment;

namespace ContentGrains.Grains;

/// <summary>Live sentiment ("ContentGrains:Engine:Sentiment"): the windows, the alert detector, the webhook and the scoring queue.</summary>
public sealed class SentimentOptions
{
    /// <summary>The model-store name the sentiment model versions are stored under.</summary>
    public const string ModelName = "sentiment";
    public const string DefaultKey = "default";

    /// <summary>The tenant's model-store name: "sentiment" for the default tenant, "acme/sentiment" for tenant acme.</summary>
    public static string ModelNameOf(string tenant) => Core.Tenants.TenantKeys.Qualify(tenant, ModelName);

    /// <summary>The key of the tenant's sentiment model and alerts grains: "default", or "acme/default".</summary>
    public static string KeyOf(string tenant) => Core.Tenants.TenantKeys.Qualify(tenant, DefaultKey);

    /// <summary>Length of a series' window; windows start at multiples of it since the Unix epoch (UTC).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);
    /// <summary>Windows each series keeps (the oldest dropped).</summary>
    public int WindowsKept { get; set; } = 90;
    /// <summary>The detector: comments a window needs, comments of history a series needs, windows of history it looks at, and the tail probability that alerts.</summary>
    public int MinCount { get; set; } = 10;
    public int MinHistory { get; set; } = 30;
    public int HistoryWindows { get; set; } = 30;
    public double Alpha { get; set; } = 1e-4;
    /// <summary>Alerts the engine keeps for GET /v1/alerts/sentiment.</summary>
    public int AlertsKept { get; set; } = 1_000;
    /// <summary>When set, each new alert is POSTed as JSON to this URL (off every request path).</summary>
    public string? WebhookUrl { get; set; }
    /// <summary>Tries per webhook call (the first included), and the wait before the first retry (doubled after each).</summary>
    public int WebhookAttempts { get; set; } = 3;
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Texts a silo holds waiting to be scored; past it new ones are dropped (and counted) so ingestion never waits.</summary>
    public int QueueCapacity { get; set; } = 100_000;

    public NegativeSpikeDetector Detector => new(MinCount, MinHistory, HistoryWindows, Alpha);
}
