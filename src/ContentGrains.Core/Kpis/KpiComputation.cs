using System.Diagnostics;
using ContentGrains.Core.Events;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Kpis;

/// <summary>
/// KPIs without non-human traffic, in two passes over the same events: the first judges all traffic (whatever the
/// window: a bot is judged on everything it did), the second adds the window's events of unflagged persons. The events
/// come from a source that can be read twice: the event log in pages (<see cref="KpiLogJob"/>) or a data file.
/// Memory: the detector's per-person state, the retention's per-person days, and at most maxKeys tallies per dimension.
/// </summary>
public sealed class KpiComputation(Func<IReadOnlyList<KpiDimension>> dimensions, TrafficOptions traffic, int maxKeysPerDimension = KpiAccumulator.DefaultMaxKeys)
{
    public async Task<(KpiReport Report, TrafficExclusion Exclusion)> RunAsync(
        Func<IAsyncEnumerable<Interaction>> read, KpiWindow window, double confidence = 0.95, CancellationToken cancellation = default)
    {
        if (window.Problem() is { } problem) throw new ArgumentException(problem, nameof(window));
        var clock = Stopwatch.StartNew();
        var detector = new TrafficDetector(traffic);
        await foreach (var e in read().WithCancellation(cancellation).ConfigureAwait(false)) detector.Observe(e);
        var exclusion = new TrafficExclusion(detector.Finish());
        var kpis = new KpiAccumulator(dimensions(), maxKeysPerDimension);
        await foreach (var e in read().WithCancellation(cancellation).ConfigureAwait(false))
            if (window.Contains(e.Timestamp) && !exclusion.Excludes(e)) kpis.Add(e);
        return (KpiReport.Of(kpis, exclusion, window, detector.EventsObserved, clock.Elapsed.TotalSeconds, confidence), exclusion);
    }

    /// <summary>The same over events in memory (tests, the CLI on a data file).</summary>
    public (KpiReport Report, TrafficExclusion Exclusion) Run(IReadOnlyList<Interaction> events, KpiWindow window, double confidence = 0.95) =>
        RunAsync(() => events.ToAsyncEnumerable(), window, confidence).GetAwaiter().GetResult();
}
