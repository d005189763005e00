using ContentGrains.Core.Log;
using ContentGrains.Silo.Hosting;
using ContentGrains.Silo.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;

namespace ContentGrains.Silo.Api;

/// <summary>Health endpoints, GET /metrics, the dashboard, the OpenAPI document and the API-key check.</summary>
public static class OperationsEndpoints
{
    public static void AddOperations(this IServiceCollection services)
    {
        services.AddOpenApi();
        services.AddRequestFailures();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("engine", tags: ["ready"]);
        services.AddTelemetry();
        services.AddKeyRateLimits();
    }

    public static void MapOperations(this WebApplication app)
    {
        app.UseRequestFailures();
        app.UseMiddleware<UnavailableMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        // After the key check, so each key has its own bucket. Without keys nothing is limited (KeyRateLimits), so the
        // middleware is left out instead of asking for a no-limit lease on every request.
        if (!app.Services.GetRequiredService<ApiKeyRing>().IsEmpty) app.UseRateLimiter();
        app.MapOpenApi();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint(Telemetry.MetricsPath).ExcludeFromDescription();
        // The dashboard's own pages and data routes are not the engine's API: kept out of the OpenAPI document.
        app.MapOrleansDashboard(routePrefix: "/dashboard").ExcludeFromDescription();
    }
}

/// <summary>
/// Ready when the event log answers a query and this silo's catalog view has heard from every shard. Both checks are
/// cheap: the log is asked for one row past its end (an index seek, where counting the log would scan it), and the
/// catalog view refreshes by deltas (one small call per shard when due) instead of copying the catalog.
/// </summary>
public sealed class ReadinessCheck(IEventLog log, Grains.CatalogCache catalog) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await log.ReadAsync(long.MaxValue - 1, 1, cancellationToken);
            var view = await catalog.GetAsync();
            return catalog.Synced
                ? HealthCheckResult.Healthy($"event log answers; catalog view version {view.Version}, {view.Entries.Count} items")
                : HealthCheckResult.Unhealthy("the catalog view has not heard from every shard yet");
        }
        catch (Exception error)
        {
            return HealthCheckResult.Unhealthy(error.Message, error);
        }
    }
}
