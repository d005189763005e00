using ContentGrains.Abstractions;
using ContentGrains.Core.Kpis;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;
using ContentGrains.Core.Tenants;
using ContentGrains.Core.Traffic;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One tenant's KPIs over its rows of the event log without non-human traffic (key: <see cref="TenantJobs.GrainKey"/>,
/// "default" for the default tenant; item tags from the tenant's catalog). A computation reads the log twice in the
/// trainer's page size (<see cref="KpiLogJob"/>) on the thread pool, stores the flagged persons (training and
/// experiments read them through <see cref="GetFlagsAsync"/>) and keeps the reports of the last two windows in memory;
/// a query reuses a kept report while the log holds no new events, else computes again.
/// </summary>
public sealed class KpiGrain(
    [PersistentState("kpis", ContentGrainsNames.SnapshotStorage)] IPersistentState<KpiState> state,
    IEventLog log, CatalogCache catalog, KpiLabels labels, IOptions<EngineOptions> options, TimeProvider clock) : Grain, IKpiGrain
{
    private const int KeptReports = 2;
    private readonly List<Kept> kept = [];

    private sealed record Kept(KpiWindow Window, long LogCount, KpiReport Report, DateTimeOffset At);

    private KpiOptions Kpis => options.Value.Kpis;
    private string Tenant => TenantJobs.TenantOf(this.GetPrimaryKeyString());

    public async Task<KpiRun> ComputeAsync(DateTimeOffset? from, DateTimeOffset? to)
    {
        var run = await RunAsync(new KpiWindow(from, to));
        return new KpiRun(from, to, run.Report.EventsRead, run.Report.Seconds, run.Report.Excluded.ToWire(), [.. run.Report.Dimensions.Keys], run.At);
    }

    public async Task<KpiBreakdownResult?> GetAsync(string by, DateTimeOffset? from, DateTimeOffset? to)
    {
        var run = await CurrentAsync(new KpiWindow(from, to));
        return run.Report.Breakdown(by, run.At);
    }

    public async Task<RetentionResult> GetRetentionAsync(DateTimeOffset? from, DateTimeOffset? to)
    {
        var run = await CurrentAsync(KpiWindow.All); // a cohort's later days lie outside its own window
        return run.Report.Retention(new KpiWindow(from, to), run.At);
    }

    public Task<IReadOnlyList<TrafficFlagValue>> GetFlagsAsync() =>
        Task.FromResult<IReadOnlyList<TrafficFlagValue>>(state.State.Flags.Select(f => f.ToWire()).ToList());

    private async Task<Kept> CurrentAsync(KpiWindow window)
    {
        var count = await log.CountAsync();
        return kept.FirstOrDefault(k => k.Window == window && k.LogCount == count) ?? await RunAsync(window);
    }

    private async Task<Kept> RunAsync(KpiWindow window)
    {
        var count = await log.CountAsync();
        await labels.PrepareAsync(Tenant);
        var snapshot = await catalog.GetAsync(Tenant, fresh: true);
        var tenantLog = new TenantEventLog(log, Tenant);
        var tags = snapshot.Entries.ToDictionary(e => e.ItemId, e => (IEnumerable<string>)e.Tags, StringComparer.Ordinal);
        var computation = new Core.Kpis.KpiComputation(() => Dimensions(tags), Kpis.Traffic, Kpis.MaxKeysPerDimension);
        var pageEvents = new TrainingLogReader(tenantLog, options.Value.Training.MemoryBoundBytes).PageEvents;
        var (report, exclusion) = await Task.Run(() => new KpiLogJob(tenantLog, pageEvents, computation).RunAsync(window, Kpis.Confidence));
        var result = new Kept(window, count, report, clock.GetUtcNow());
        kept.RemoveAll(k => k.Window == window);
        kept.Insert(0, result);
        if (kept.Count > KeptReports) kept.RemoveAt(kept.Count - 1);
        (state.State.Flags, state.State.ComputedAt) = ([.. exclusion.Flags.Values.OrderBy(f => f.At)], result.At);
        await state.WriteStateAsync();
        return result;
    }

    private IReadOnlyList<KpiDimension> Dimensions(IReadOnlyDictionary<string, IEnumerable<string>> tags) =>
    [
        KpiDimension.Item, KpiDimension.Channel, KpiDimension.Day,
        KpiDimension.ItemLabels("tag", tags.GetValueOrDefault),
        KpiDimension.ItemLabels("format", labels.FormatOf),
        KpiDimension.ItemLabels("topic", labels.TopicsOf),
        KpiDimension.PersonLabels("segment", labels.SegmentOf),
        new KpiDimension("arm", e => labels.ArmsOf(e) ?? []),
    ];

    /// <summary>The dimensions a query may ask for.</summary>
    public static readonly string[] DimensionNames = ["item", "channel", "day", "tag", "format", "topic", "segment", "arm"];
}
