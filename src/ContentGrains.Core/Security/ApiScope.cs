namespace ContentGrains.Core.Security;

/// <summary>
/// What an API key may do. The scopes are independent: a key holds exactly the ones its entry lists, so an
/// ingest-only key on a web server cannot read profiles, and an operator's admin key lists read too if it must read.
/// </summary>
public static class ApiScope
{
    /// <summary>Writes of the engine's input: events and item metadata.</summary>
    public const string Ingest = "ingest";
    /// <summary>Every GET under /v1: feeds, items, profiles, trending, similar, KPIs, segments.</summary>
    public const string Read = "read";
    /// <summary>The dashboard, training and the champion, experiments, channels, fits and computes, and deletion.</summary>
    public const string Admin = "admin";
    /// <summary>
    /// GET /metrics, the Prometheus scrape: counts and latencies, no person's data, but what a platform's traffic is.
    /// Its own scope, so the scraper's key can read nothing else.
    /// </summary>
    public const string Metrics = "metrics";

    public static readonly IReadOnlyList<string> All = [Ingest, Read, Admin, Metrics];
}
