using System.Globalization;

namespace ContentGrains.Bench.Ingest;

/// <summary>
/// Bytes the silo's managed code has allocated so far, read from its own GET /metrics (the .NET runtime's meter, which
/// the silo exports): the difference over a phase, divided by its events, is the allocation per event. Unlike events/s,
/// it hardly depends on what else runs on the machine.
/// </summary>
public static class SiloAllocations
{
    /// <summary>The runtime meter's total-allocated counter as the Prometheus exporter names it (.NET 9+), then the older instrumentation's name.</summary>
    private static readonly string[] Names = ["dotnet_gc_heap_total_allocated_bytes_total", "process_runtime_dotnet_gc_allocations_size_bytes_total"];

    /// <summary>The silo's allocated bytes so far, or null when its /metrics does not carry the counter.</summary>
    public static async Task<double?> ReadAsync(HttpClient http, Uri baseAddress, CancellationToken cancellation)
    {
        string text;
        try { text = await http.GetStringAsync(new Uri(baseAddress, "metrics"), cancellation); }
        catch (HttpRequestException) { return null; }
        return Parse(text);
    }

    /// <summary>The counter's value in Prometheus text: "name{labels} value [timestamp]".</summary>
    public static double? Parse(string text)
    {
        foreach (var name in Names)
            foreach (var line in text.Split('\n'))
            {
                if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || line[name.Length] is not (' ' or '{')) continue;
                var afterLabels = line.IndexOf('}') is var close and >= 0 ? close + 1 : name.Length;
                var fields = line[afterLabels..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return double.Parse(fields[0], CultureInfo.InvariantCulture);
            }
        return null;
    }
}
