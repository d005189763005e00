using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// The feed and ingest paths record through the OpenTelemetry SDK (as the silo configures it) without allocating:
/// a tag is a struct and its value a string the caller already holds. Allocation, not time, is asserted.
/// </summary>
public sealed class EngineMetricsCostTests
{
    [Fact]
    public void Recording_a_feed_duration_and_ingest_counts_allocates_nothing()
    {
        var exporter = new NamesExporter();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(EngineMetrics.MeterName)
            .AddReader(new BaseExportingMetricReader(exporter))
            .Build();
        var kind = new KeyValuePair<string, object?>("model_kind", "ease");
        var field = new KeyValuePair<string, object?>("field", "type");
        Record(kind, field, 1_000); // the SDK creates each tag set's metric point on first use

        var before = GC.GetAllocatedBytesForCurrentThread();
        Record(kind, field, 10_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        // The SDK did aggregate what was recorded (a provider that listened to nothing would allocate nothing too).
        provider.ForceFlush();
        Assert.Contains(EngineMetrics.FeedDurationName, exporter.Names);
        Assert.Contains(EngineMetrics.EventsRejectedName, exporter.Names);
    }

    private static void Record(KeyValuePair<string, object?> kind, KeyValuePair<string, object?> field, int times)
    {
        for (var i = 0; i < times; i++)
        {
            EngineMetrics.FeedDuration.Record(i % 50 * 0.7, kind);
            EngineMetrics.EventsAccepted.Add(3);
            EngineMetrics.EventsRejected.Add(1, field);
        }
    }

    /// <summary>Keeps only the names of the metrics exported.</summary>
    private sealed class NamesExporter : BaseExporter<Metric>
    {
        public HashSet<string> Names { get; } = [];

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch) Names.Add(metric.Name);
            return ExportResult.Success;
        }
    }
}
