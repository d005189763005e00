using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;
using ContentGrains.Core.Segments;
using ContentGrains.Core.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Fits one tenant's audience segments over its rows of the event log (key: <see cref="TenantJobs.GrainKey"/>, "default"
/// for the default tenant): every person's activity is read in pages (tags from this silo's copy of the tenant's catalog), the fit runs on the thread pool with the host's k-means (<see cref="ISegmentClusterer"/>),
/// and the model goes to the model store as the next version of "segments", where every silo's
/// <see cref="SegmentModelCache"/> loads it, with every fitted person's segment beside it ("segment-assignments", the same
/// version), which KPI and report jobs load once per run (<see cref="SegmentAssignmentsCache"/>). One run at a time: a call while one runs waits for it.
/// </summary>
public sealed class SegmentsGrain(
    IEventLog log, IModelStore store, CatalogCache catalog, ISegmentClusterer clusterer, IOptions<EngineOptions> options, TimeProvider clock,
    ILogger<SegmentsGrain> logger) : Grain, ISegmentsGrain, IRemindable
{
    private const string FitReminder = "fit-segments";
    private Task<SegmentsRun>? running;

    private SegmentsOptions Segments => options.Value.Segments;
    private string Tenant => TenantJobs.TenantOf(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Segments.Interval > TimeSpan.Zero) await this.RegisterOrUpdateReminder(FitReminder, Segments.Interval, Segments.Interval);
    }

    public Task<SegmentsRun> FitAsync() => running ??= RunAsync();

    public async Task<long?> GetLatestVersionAsync() => (await store.ListAsync(TenantJobs.ModelName(Tenant, SegmentsOptions.ModelName))).FirstOrDefault()?.Version;

    public Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status) =>
        reminderName == FitReminder ? FitAsync() : Task.CompletedTask;

    private async Task<SegmentsRun> RunAsync()
    {
        var started = clock.GetTimestamp();
        try
        {
            var items = await catalog.GetAsync(Tenant, fresh: true);
            var tenantLog = new TenantEventLog(log, Tenant);
            var table = new PersonActivityTable(options.Value.InterestHalfLife, options.Value.Training.MemoryBoundBytes);
            var pageEvents = new TrainingLogReader(tenantLog, options.Value.Training.MemoryBoundBytes).PageEvents;
            await Task.Run(() => table.AddLogAsync(tenantLog, pageEvents, id => items.Find(id) is { } item ? new ItemFacts(item.Tags, item.Format) : null, CancellationToken.None));
            var now = clock.GetUtcNow();
            var fit = await Task.Run(() => new SegmentFitter(clusterer, Segments.Fit).Fit(table.Signals(now), now));
            var bytes = fit.Model.ToJsonBytes();
            var version = (await GetLatestVersionAsync() ?? 0) + 1;
            var seconds = clock.GetElapsedTime(started).TotalSeconds;
            // The assignments first: whoever sees model version v can load assignments v.
            var assignments = fit.Assignments.ToJsonBytes();
            await store.SaveAsync(new ModelVersion(TenantJobs.ModelName(Tenant, SegmentsOptions.AssignmentsName), version, "assignments", now, table.Events, fit.Assignments.Segments.Count,
                fit.Model.Centroids.Count, 0, seconds, assignments.Length), assignments);
            await store.SaveAsync(new ModelVersion(TenantJobs.ModelName(Tenant, SegmentsOptions.ModelName), version, "kmeans", now, table.Events, fit.Model.Report.People,
                fit.Model.Centroids.Count, fit.Model.Report.Sampled, seconds, bytes.Length), bytes);
            logger.LogInformation("Fitted segments v{Version}: {Segments} segments over {People} people from {Events} events in {Seconds:F2} s",
                version, fit.Model.Centroids.Count, fit.Model.Report.People, table.Events, seconds);
            return new SegmentsRun(version, clock.GetUtcNow(), table.Events, fit.Model.Report.People, fit.Model.Centroids.Count, seconds, null);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException)
        {
            logger.LogError(error, "Fitting segments failed");
            return new SegmentsRun(null, clock.GetUtcNow(), 0, 0, 0, clock.GetElapsedTime(started).TotalSeconds, error.Message, error is TooFewPeopleException);
        }
        finally
        {
            running = null;
        }
    }
}
