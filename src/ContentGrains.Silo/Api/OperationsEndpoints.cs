using ContentGrains.Core.Log;
using ContentGrains.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace ContentGrains.Silo.Api;

/// <summary>Health endpoints, the dashboard, the OpenAPI document and the optional API-key check.</summary>
public static class OperationsEndpoints
{
    public static void AddOperations(this IServiceCollection services)
    {
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("engine", tags: ["ready"]);
    }

    public static void MapOperations(this WebApplication app)
    {
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapOpenApi();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapOrleansDashboard(routePrefix: "/dashboard");
    }
}

/// <summary>Ready when the silo answers grain calls and the event log answers a query.</summary>
public sealed class ReadinessCheck(IEventLog log, IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var events = await log.CountAsync(cancellationToken);
            await grains.GetGrain<Grains.ICatalogGrain>(0).GetIfChangedAsync(long.MinValue);
            return HealthCheckResult.Healthy($"{events} events in the log");
        }
        catch (Exception error)
        {
            return HealthCheckResult.Unhealthy(error.Message, error);
        }
    }
}

/// <summary>When API keys are configured, /v1 and /dashboard need the header X-Api-Key with one of them.</summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ContentGrainsHostOptions> options)
{
    public const string Header = "X-Api-Key";

    public Task InvokeAsync(HttpContext context)
    {
        var keys = options.Value.ApiKeys;
        var path = context.Request.Path;
        if (keys.Count == 0 || !(path.StartsWithSegments("/v1") || path.StartsWithSegments("/dashboard"))) return next(context);
        if (context.Request.Headers.TryGetValue(Header, out var given) && keys.Contains(given.ToString())) return next(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return context.Response.WriteAsJsonAsync(new { title = "Unauthorized", status = 401, detail = $"send a valid API key in the {Header} header" });
    }
}
