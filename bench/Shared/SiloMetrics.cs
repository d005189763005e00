using System.Globalization;

namespace ContentGrains.Bench;

/// <summary>
/// Figures read from a running silo's GET /metrics (Prometheus text: Orleans' meter, the .NET runtime's, the engine's),
/// and the machine's load average; shared by the bench programs that watch a silo from outside.
/// </summary>
public static class SiloMetrics
{
    /// <summary>Orleans' meter: the silo's grain activations now, per grain type in the label <c>grain_type</c>.</summary>
    public const string Activations = "orleans_catalog_activations";

    /// <summary>The silo's grain activations now, every grain type; -1 when it does not answer.</summary>
    public static async Task<long> ActivationsAsync(HttpClient silo)
    {
        try { return (long)Sum(await silo.GetStringAsync("/metrics"), Activations); }
        catch (HttpRequestException) { return -1; }
    }

    /// <summary>
    /// The sum of every sample of metric <paramref name="name"/> (exactly that name, all label sets, or only those whose
    /// labels hold <paramref name="label"/>, e.g. <c>grain_type="user"</c>); 0 when there is none.
    /// </summary>
    public static double Sum(string metrics, string name, string? label = null) =>
        metrics.Split('\n')
            .Where(l => NameOf(l) == name && (label is null || l.Contains(label, StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>The runtime's count of bytes allocated since the silo started, as /metrics exports it (either exporter's name); null when absent.</summary>
    public static async Task<double?> AllocatedBytesAsync(HttpClient silo)
    {
        try
        {
            var metrics = await silo.GetStringAsync("/metrics");
            foreach (var name in AllocatedBytesNames)
                if (metrics.Contains(name + " ", StringComparison.Ordinal) || metrics.Contains(name + "{", StringComparison.Ordinal)) return Sum(metrics, name);
            return null;
        }
        catch (HttpRequestException) { return null; }
    }

    /// <summary>OpenTelemetry's runtime instrumentation names, and .NET 9+'s built-in System.Runtime meter's.</summary>
    private static readonly string[] AllocatedBytesNames = ["process_runtime_dotnet_gc_allocations_size_bytes_total", "dotnet_gc_heap_total_allocated_bytes_total"];

    /// <summary>The 1-minute load average of the machine.</summary>
    public static double LoadAverage() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static string NameOf(string line) => line[..Math.Max(0, line.IndexOfAny(['{', ' ']))];
}
