using System.Globalization;
using ContentGrains.Abstractions;
using ContentGrains.Grains;

namespace ContentGrains.Silo.Api;

/// <summary>
/// KPIs without non-human traffic: per dimension with intervals, retention by cohort, the flagged persons, and a compute
/// on demand. from and to are ISO 8601 times (or dates, read as UTC midnight) bounding [from, to). Each tenant has its own
/// KPI job (over its own events and catalog), flags and live shards (<see cref="Core.Tenants.TenantJobs"/>).
/// </summary>
public static class KpisEndpoints
{
    /// <summary>The metrics a query can order rows by (largest first).</summary>
    public static readonly string[] Metrics = ["ctr", "conversion", "dwell", "events"];

    public sealed record ComputeBody(DateTimeOffset? From, DateTimeOffset? To);

    public static void MapKpis(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/kpis", GetKpis).WithName("GetKpis")
            .WithSummary("KPIs by item, tag, format, channel, segment, arm, topic or day: CTR and conversion (Wilson), dwell (Student t), counts, excluded non-human traffic")
            .Produces<KpiBreakdownResult>().ProducesValidationProblem();
        app.MapGet("/v1/kpis/live", GetLive).WithName("GetLiveKpis")
            .WithSummary("Today's KPIs as events arrive, by item, tag or channel, with non-human traffic left out from the moment it is flagged")
            .Produces<KpiBreakdownResult>().ProducesValidationProblem();
        app.MapGet("/v1/kpis/retention", GetRetention).WithName("GetRetention")
            .WithSummary("Day-1 and day-7 retention of the cohorts first seen in [from, to) (Wilson intervals)")
            .Produces<RetentionResult>().ProducesValidationProblem();
        app.MapPost("/v1/kpis/compute", Compute).WithName("ComputeKpis")
            .WithSummary("Judge all traffic and compute the KPIs now (also stores the flags training and experiments use)")
            .Accepts<ComputeBody>("application/json").Produces<KpiRun>().ProducesValidationProblem();
        app.MapGet("/v1/traffic/flags", async (TenantGrains grains) => Results.Ok(TenantAnswers.Local(await Grain(grains).GetFlagsAsync())))
            .WithName("GetTrafficFlags").WithSummary("Persons flagged as non-human by the latest computation: reason, when, evidence")
            .Produces<IReadOnlyList<TrafficFlagValue>>();
    }

    private static IKpiGrain Grain(TenantGrains grains) => grains.Job<IKpiGrain>();

    private static async Task<IResult> GetKpis(HttpRequest request, TenantGrains grains)
    {
        var by = request.Query["by"].ToString();
        if (!KpiGrain.DimensionNames.Contains(by)) return Problems.BadRequest("by", $"must be one of {string.Join(", ", KpiGrain.DimensionNames)}");
        var metric = request.Query["metric"].ToString() is { Length: > 0 } m ? m : "events";
        if (!Metrics.Contains(metric)) return Problems.BadRequest("metric", $"must be one of {string.Join(", ", Metrics)}");
        if (Window(request) is not { } window) return WindowProblem(request);
        var result = await Grain(grains).GetAsync(by, window.From, window.To);
        return result is null ? Problems.BadRequest("by", "is not computed") : Results.Ok(TenantAnswers.Local(result with { Rows = Order(result.Rows, metric) }));
    }

    private static async Task<IResult> GetLive(HttpRequest request, TenantGrains tenant, IGrainFactory grains, Microsoft.Extensions.Options.IOptions<EngineOptions> options, TimeProvider clock)
    {
        var by = request.Query["by"].ToString();
        if (!Core.Kpis.LiveKpiDay.DimensionNames.Contains(by)) return Problems.BadRequest("by", $"must be one of {string.Join(", ", Core.Kpis.LiveKpiDay.DimensionNames)}");
        var kpis = options.Value.Kpis;
        var shards = await Task.WhenAll(Enumerable.Range(0, kpis.LiveShards).Select(s => grains.GetGrain<ILiveKpiShardGrain>(LiveKpiShards.KeyOf(tenant.Tenant, s)).GetAsync(by)));
        return Results.Ok(TenantAnswers.Local(LiveKpiShards.Merge(by, shards, kpis.MaxKeysPerDimension, kpis.Confidence, clock.GetUtcNow())));
    }

    private static async Task<IResult> GetRetention(HttpRequest request, TenantGrains grains) =>
        Window(request) is { } window ? Results.Ok(await Grain(grains).GetRetentionAsync(window.From, window.To)) : WindowProblem(request);

    private static async Task<IResult> Compute(HttpRequest request, TenantGrains grains)
    {
        var body = new ComputeBody(null, null);
        if (request.ContentLength is > 0)
        {
            var (read, error) = await RequestJson.ReadAsync<ComputeBody>(request);
            if (error is not null) return error;
            body = read!;
        }
        if (body.From is { } f && body.To is { } t && t <= f) return Problems.BadRequest("to", "must be after from");
        return Results.Ok(await Grain(grains).ComputeAsync(body.From, body.To));
    }

    private static IReadOnlyList<KpiValues> Order(IReadOnlyList<KpiValues> rows, string metric) => metric switch
    {
        "ctr" => [.. rows.OrderByDescending(r => r.Ctr?.Value ?? -1)],
        "conversion" => [.. rows.OrderByDescending(r => r.ConversionRate?.Value ?? -1)],
        "dwell" => [.. rows.OrderByDescending(r => r.Dwell?.Mean ?? -1)],
        _ => rows,
    };

    /// <summary>[from, to) from the query; null when either is given and unreadable or to is not after from.</summary>
    private static (DateTimeOffset? From, DateTimeOffset? To)? Window(HttpRequest request)
    {
        if (!TryTime(request, "from", out var from) || !TryTime(request, "to", out var to)) return null;
        return from is { } f && to is { } t && t <= f ? null : (from, to);
    }

    private static IResult WindowProblem(HttpRequest request) =>
        !TryTime(request, "from", out _) ? Problems.BadRequest("from", "must be an ISO 8601 time or date")
        : !TryTime(request, "to", out _) ? Problems.BadRequest("to", "must be an ISO 8601 time or date")
        : Problems.BadRequest("to", "must be after from");

    private static bool TryTime(HttpRequest request, string name, out DateTimeOffset? value)
    {
        value = null;
        var text = request.Query[name].ToString();
        if (text.Length == 0) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        value = parsed;
        return true;
    }
}
