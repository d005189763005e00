using ContentGrains.Grains;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ContentGrains.Silo.Hosting;

/// <summary>
/// OpenTelemetry for the silo. Metrics: the engine's meter, Orleans', ASP.NET Core's and the .NET runtime's, served
/// on GET /metrics in Prometheus text. Traces: ASP.NET Core requests and Orleans grain calls, exported over OTLP only
/// when OTEL_EXPORTER_OTLP_ENDPOINT is set (otherwise nothing is sampled and exporting costs nothing).
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>The meter Orleans 10 publishes its silo metrics on (orleans-catalog-activations, orleans-app-requests-latency…).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Orleans' activity sources: the runtime's own calls and the application's grain calls.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Traces are exported (and so worth making) only when an OTLP endpoint is named.</summary>
    public static bool TracingEnabled => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));

    public static void AddTelemetry(this IServiceCollection services)
    {
        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(EngineMetrics.MeterName, OrleansMeter, ContentGrains.Storage.SqliteWriteGateMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        if (!TracingEnabled) return;
        telemetry.WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation()
            .AddSource(OrleansSources)
            .AddOtlpExporter());
    }
}
