using System.Diagnostics;
using ContentGrains.Core.Events;
using ContentGrains.Core.Experiments;
using ContentGrains.Core.Kpis;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Reports;

/// <summary>
/// What the report job counted: the cube, each experiment arm's event tallies, and the traffic left out; for a private
/// report also each coarse table of <see cref="PrivateRelease.CoarseTables"/>, counted and clipped at its own cells (by name).
/// </summary>
public sealed record ReportCounts(PerformanceCube Cube, IReadOnlyDictionary<(string Experiment, string Arm), KpiTally> Arms,
    TrafficExclusionSummary Excluded, long EventsRead, double Seconds, IReadOnlyDictionary<string, PerformanceCube>? Coarse = null);

/// <summary>
/// The counting half of a report, in two passes over the same events as the KPI job: the first judges all traffic
/// (non-human persons are left out whole), the second adds the window's events of the others to the cube (and, for a
/// private report, to each coarse table) and to the arm tallies of the experiments running at each event's time. The
/// events come from the log in pages or from a file.
/// </summary>
public sealed class ReportComputation(ReportLabels labels, ArmLabels arms, TrafficOptions traffic, int maxCells = PerformanceCube.DefaultMaxCells)
{
    public async Task<ReportCounts> RunAsync(Func<IAsyncEnumerable<Interaction>> read, ReportRequest request, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var detector = new TrafficDetector(traffic);
        await foreach (var e in read().WithCancellation(cancellation).ConfigureAwait(false)) detector.Observe(e);
        var exclusion = new TrafficExclusion(detector.Finish());
        var cube = new PerformanceCube(labels, request.IsPrivate ? request.Bounds : ContributionBounds.None, maxCells);
        var coarse = request.IsPrivate
            ? PrivateRelease.CoarseTables.ToDictionary(t => t.Name, t => new PerformanceCube(labels, request.Bounds, maxCells, t.Axes), StringComparer.Ordinal)
            : null;
        var armTallies = new Dictionary<(string, string), KpiTally>();
        var window = new KpiWindow(request.From, request.To);
        await foreach (var e in read().WithCancellation(cancellation).ConfigureAwait(false))
        {
            if (!window.Contains(e.Timestamp) || exclusion.Excludes(e)) continue;
            cube.Add(e);
            foreach (var table in coarse?.Values ?? Enumerable.Empty<PerformanceCube>()) table.Add(e);
            foreach (var arm in arms.At(e.UserId, e.Timestamp))
            {
                if (!armTallies.TryGetValue(arm, out var tally)) armTallies[arm] = tally = new KpiTally();
                tally.Add(e);
            }
        }
        cube.Finish();
        foreach (var table in coarse?.Values ?? Enumerable.Empty<PerformanceCube>()) table.Finish();
        return new ReportCounts(cube, armTallies, TrafficExclusionSummary.Of(exclusion), detector.EventsObserved, clock.Elapsed.TotalSeconds, coarse);
    }

    public ReportCounts Run(IReadOnlyList<Interaction> events, ReportRequest request) =>
        RunAsync(() => events.ToAsyncEnumerable(), request).GetAwaiter().GetResult();
}
