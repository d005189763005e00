using System.Threading.RateLimiting;
using ContentGrains.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace ContentGrains.Silo.Security;

/// <summary>
/// ASP.NET Core's rate limiter with one token bucket per API key: <c>RateLimitPerSecond</c> steady, <c>RateLimitBurst</c>
/// at once. Only requests a key admitted are limited (/metrics counts against the scraper's own key): health probes
/// never are (a busy client cannot make an orchestrator think the silo is down), nor is a silo without keys, which listens on loopback only (its one client is
/// the machine itself: benchmarks, tests). A refused request is 429 with Retry-After.
/// </summary>
public static class KeyRateLimits
{
    public static void AddKeyRateLimits(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = (context, cancel) => RejectAsync(context.HttpContext, cancel);
    });

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<ContentGrainsHostOptions>>().Value;
        if (limits.RateLimitPerSecond <= 0 || context.Items[ApiKeyMiddleware.KeyNameItem] is not string key)
            return RateLimitPartition.GetNoLimiter("unlimited");
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(limits.RateLimitBurst, limits.RateLimitPerSecond),
            TokensPerPeriod = limits.RateLimitPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(HttpContext context, CancellationToken cancel)
    {
        context.Response.Headers.RetryAfter = "1";
        await context.Response.WriteAsJsonAsync(new
        {
            title = "Too many requests",
            status = StatusCodes.Status429TooManyRequests,
            detail = "this API key is over its rate limit (ContentGrains:RateLimitPerSecond, RateLimitBurst); retry after a second",
        }, options: null, contentType: "application/problem+json", cancellationToken: cancel);
    }
}
