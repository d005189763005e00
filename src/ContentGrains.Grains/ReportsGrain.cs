using ContentGrains.Core.Topics;
using System.Globalization;
using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;
using ContentGrains.Core.Reports;
using ContentGrains.Core.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One tenant's content reports (key: <see cref="TenantJobs.GrainKey"/>, "default" for the default tenant), over the
/// tenant's rows of the event log, catalog, topics, segments, experiments and headline tests. Starting one checks the request and, for a private report, the privacy budget; the
/// spend and the report's entry are written before the job runs, so neither a crash nor a restart can forget a spend.
/// The job reads the log twice in the trainer's pages on the thread pool (<see cref="ReportComputation"/>), gathers the
/// other sections, assembles and stores the report in the model store (the tenant's "report", version = its number). A job that
/// fails has released nothing, so its spend is returned; one cut off by a restart is marked failed the same way.
/// </summary>
public sealed class ReportsGrain(
    [PersistentState("reports", ContentGrainsNames.SnapshotStorage)] IPersistentState<ReportsState> state,
    IEventLog log, IModelStore store, CatalogCache catalog, TopicBookCache topics, KpiLabels labels, SegmentAssignmentsCache segments, ExperimentArmsCache experiments,
    ReportInputsSource inputs, IOptions<EngineOptions> options, TimeProvider clock, ILogger<ReportsGrain> logger) : Grain, IReportsGrain
{
    private ReportsOptions Reports => options.Value.Reports;
    private ReportsState S => state.State;
    private string Tenant => TenantJobs.TenantOf(this.GetPrimaryKeyString());
    private string StoreName => TenantJobs.ModelName(Tenant, ReportsOptions.StoreName);
    private PrivacyBudget Budget => new(Reports.EpsilonBudget, Reports.DeltaBudget, S.Ledger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interrupted = S.Reports.Where(r => r.Status == ReportStatus.Running).ToList();
        foreach (var r in interrupted) Fail(r, "interrupted by a restart before it finished");
        if (interrupted.Count > 0) await state.WriteStateAsync(cancellationToken);
    }

    public async Task<ReportStart> StartAsync(ReportSpec spec)
    {
        var request = spec.ToRequest();
        if (request.Problem() is { } problem) return new ReportStart(null, new FieldError(problem.Field, problem.Reason));
        if (request.IsPrivate && Budget.Refusal(request.Epsilon!.Value, request.DeltaSpent) is { } refusal)
            return new ReportStart(null, OverBudget: new FieldError(refusal.Field, refusal.Reason));
        var number = ++S.LastNumber;
        var record = new ReportRecord
        {
            Id = "r" + number.ToString(CultureInfo.InvariantCulture), Number = number, CreatedAt = clock.GetUtcNow(),
            Epsilon = request.Epsilon, Delta = request.DeltaSpent,
        };
        if (request.IsPrivate) Budget.Spend(record.Id, request.Epsilon!.Value, request.DeltaSpent, record.CreatedAt);
        S.Reports.Add(record);
        await state.WriteStateAsync();
        this.DelayDeactivation(TimeSpan.FromHours(2));
        _ = RunAsync(record, request);
        return new ReportStart(record.ToWire());
    }

    public Task<IReadOnlyList<ReportEntry>> ListAsync() =>
        Task.FromResult<IReadOnlyList<ReportEntry>>(S.Reports.OrderByDescending(r => r.Number).Select(r => r.ToWire()).ToList());

    public async Task<ReportDocument?> GetAsync(string reportId)
    {
        if (S.Reports.FirstOrDefault(r => r.Id == reportId) is not { } record) return null;
        var json = record.Status == ReportStatus.Done ? await store.LoadAsync(StoreName, record.Number) : null;
        return new ReportDocument(record.ToWire(), json);
    }

    public Task<PrivacyBudgetView> GetBudgetAsync()
    {
        var b = Budget;
        return Task.FromResult(new PrivacyBudgetView(b.EpsilonLimit, b.EpsilonSpent, b.EpsilonLeft, b.DeltaLimit, b.DeltaSpent));
    }

    private async Task RunAsync(ReportRecord record, ReportRequest request)
    {
        try
        {
            var (report, eventsRead) = await BuildAsync(record, request);
            var bytes = ContentReportJson.ToBytes(report);
            await store.SaveAsync(new ModelVersion(StoreName, record.Number, request.IsPrivate ? "private-report" : "report",
                clock.GetUtcNow(), eventsRead, 0, report.Performance.CellsTotal, 0, report.Seconds, bytes.Length), bytes);
            (record.Status, record.FinishedAt, record.Findings) = (ReportStatus.Done, clock.GetUtcNow(), report.Findings.Count);
            logger.LogInformation("Report {Id}: {Cells} cells, {Findings} findings from {Events} events in {Seconds:F2} s",
                record.Id, report.Performance.CellsTotal, report.Findings.Count, eventsRead, report.Seconds);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Report {Id} failed", record.Id);
            Fail(record, error.Message);
        }
        await state.WriteStateAsync();
    }

    private async Task<(ContentReport Report, long EventsRead)> BuildAsync(ReportRecord record, ReportRequest request)
    {
        await labels.PrepareAsync(Tenant);
        var snapshot = await catalog.GetAsync(Tenant, fresh: true);
        var views = await experiments.GetViewsAsync(Tenant, request.Experiments.Count > 0 ? request.Experiments : null);
        var served = topics.CurrentOf(Tenant); // PrepareAsync loaded the latest fit
        var segmentsNow = segments.CurrentOf(Tenant);
        var reportLabels = new ReportLabels
        {
            // Before the first topic fit, each item's first tag stands in (and the report says so).
            TopicOf = served is null ? id => snapshot.Find(id)?.Tags.FirstOrDefault() : served.MainTopicName,
            FormatOf = id => snapshot.Find(id)?.Format,
            SegmentOf = segmentsNow is { } s ? s.Assignments.SegmentOf : _ => null,
            TopicSource = served is null ? "first-tag" : "topic-model",
        };
        var tenantLog = new TenantEventLog(log, Tenant);
        var pageEvents = new TrainingLogReader(tenantLog, options.Value.Training.MemoryBoundBytes).PageEvents;
        var computation = new ReportComputation(reportLabels, await experiments.LabelsAsync(views), options.Value.Kpis.Traffic, Reports.MaxCells);
        var counts = await Task.Run(() => computation.RunAsync(() => LogPages.ReadAllAsync(tenantLog, pageEvents), request));
        var sections = await inputs.GatherAsync(Tenant, views, request.IsPrivate, segmentsNow?.Version, request);
        var assembler = new ReportAssembler(NoiseSource.Secure(), Reports.MaxRows, Reports.MinCellImpressions);
        return (await Task.Run(() => assembler.Assemble(record.Id, record.CreatedAt, request, counts, reportLabels, sections)), counts.EventsRead);
    }

    /// <summary>Marks the report failed and returns its spend: a report that did not finish released nothing.</summary>
    private void Fail(ReportRecord record, string error)
    {
        (record.Status, record.FinishedAt, record.Error) = (ReportStatus.Failed, clock.GetUtcNow(), error);
        S.Ledger.RemoveAll(s => s.ReportId == record.Id);
    }
}
