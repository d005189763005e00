using ContentGrains.Core.Log;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Kpis;

/// <summary>
/// The KPI job over the event log: <see cref="KpiComputation"/> reading the log twice in pages of
/// <paramref name="pageEvents"/> (the trainer's page size), so the log itself is never in memory.
/// </summary>
public sealed class KpiLogJob(IEventLog log, int pageEvents, KpiComputation computation)
{
    public Task<(KpiReport Report, TrafficExclusion Exclusion)> RunAsync(KpiWindow window, double confidence = 0.95, CancellationToken cancellation = default) =>
        computation.RunAsync(() => LogPages.ReadAllAsync(log, pageEvents, cancellation), window, confidence, cancellation);
}
