using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Performance;
using ContentGrains.Core.Topics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Fits the live CTR model of one tenant (key: <see cref="CtrModelOptions.GrainKeyOf"/>, "default" for the default
/// tenant): the tenant's catalog items with traffic are read from their grains (metadata and
/// counters), the fit runs on the thread pool (<see cref="CatalogCtrFitter"/>), and the result goes to the model store
/// as the next version of the tenant's "ctr" (<see cref="CtrModelArtifact"/>), where every silo's <see cref="CtrModelCache"/> loads
/// it. A fit takes longer than a request may wait, so it runs in the background and the caller polls; too few items
/// with traffic is answered at once. One run at a time.
/// </summary>
public sealed class CtrModelGrain(
    IModelStore store, CatalogCache catalog, IOptions<EngineOptions> options, TimeProvider clock, ILogger<CtrModelGrain> logger,
    ICtrModelFormat? format = null) : Grain, ICtrModelGrain, IRemindable
{
    private const string FitReminder = "fit-ctr-model";
    private CtrModelJob? job;

    private CtrModelOptions Ctr => options.Value.CtrModel;
    private string Tenant => Core.Tenants.TenantKeys.TenantOf(this.GetPrimaryKeyString());
    private string ModelName => CtrModelOptions.NameOf(Tenant);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Ctr.Interval > TimeSpan.Zero) await this.RegisterOrUpdateReminder(FitReminder, Ctr.Interval, Ctr.Interval);
    }

    public async Task<CtrModelJob> StartFitAsync()
    {
        if (job?.Status == CtrModelJob.Running) return job;
        var started = clock.GetTimestamp();
        var startedAt = clock.GetUtcNow();
        if (format is null) return Finish(new CtrModelJob(CtrModelJob.Failed, startedAt, startedAt, 0, 0, null, 0, "no CTR model implementation is registered on this silo"));
        var (read, items) = await ReadTrafficAsync();
        var rows = items.Count(i => i.Outcome.Impressions >= Ctr.MinImpressions);
        if (rows < Ctr.MinItems)
            return Finish(new CtrModelJob(CtrModelJob.TooFewItems, startedAt, clock.GetUtcNow(), read, rows, null, clock.GetElapsedTime(started).TotalSeconds,
                $"{rows} items have {Ctr.MinImpressions}+ impressions; the CTR model needs {Ctr.MinItems} (CtrModel:MinItems, CtrModel:MinImpressions)"));
        job = new CtrModelJob(CtrModelJob.Running, startedAt, null, read, rows, null, 0, null);
        DelayDeactivation(TimeSpan.FromHours(1)); // an idle activation would otherwise be collected mid-run, losing its status
        _ = RunAsync(format, items, started); // its continuation runs on this activation and records the outcome
        return job;
    }

    public Task<CtrModelJob?> GetJobAsync() => Task.FromResult(job);

    public async Task<long?> GetLatestVersionAsync() => (await store.ListAsync(ModelName)).FirstOrDefault()?.Version;

    public Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status) =>
        reminderName == FitReminder ? StartFitAsync() : Task.CompletedTask;

    private CtrModelJob Finish(CtrModelJob finished)
    {
        if (finished.Status == CtrModelJob.TooFewItems) logger.LogInformation("CTR model not fitted: {Reason}", finished.Error); // a young catalog, not a fault
        return job = finished;
    }

    private async Task RunAsync(ICtrModelFormat implementation, IReadOnlyList<CtrTrafficItem> items, long started)
    {
        try
        {
            var now = clock.GetUtcNow();
            var (predictor, report) = await Task.Run(() => new CatalogCtrFitter(implementation.Trainer, Ctr.Fit).Fit(items, now));
            var bytes = await Task.Run(() => CtrModelArtifact.Write(report, implementation.Save(predictor)));
            var version = (await GetLatestVersionAsync() ?? 0) + 1;
            var seconds = clock.GetElapsedTime(started).TotalSeconds;
            var metrics = report.HeldOut is { } h ? new Core.Registry.VersionMetrics(null, null, 0, h.Auc, h.LogLoss) : null;
            await store.SaveAsync(new ModelVersion(ModelName, version, implementation.Trainer.Name, now, 0, 0, report.Rows,
                0, seconds, bytes.Length, Metrics: metrics), bytes);
            logger.LogInformation("Fitted the CTR model v{Version} over {Rows} items in {Seconds:F2} s", version, report.Rows, seconds);
            job = job! with { Status = CtrModelJob.Succeeded, FinishedAt = clock.GetUtcNow(), Version = version, Seconds = seconds };
        }
        catch (Exception error)
        {
            var tooFew = error is TooFewItemsException;
            if (!tooFew) logger.LogError(error, "Fitting the CTR model failed");
            job = job! with
            {
                Status = tooFew ? CtrModelJob.TooFewItems : CtrModelJob.Failed, FinishedAt = clock.GetUtcNow(),
                Seconds = clock.GetElapsedTime(started).TotalSeconds, Error = error.Message,
            };
        }
    }

    /// <summary>
    /// Every catalog item that may have enough traffic, read from its grain: the catalog copy's impression windows skip
    /// the items that surely have too few, so a large catalog's cold items are not activated for nothing.
    /// </summary>
    private async Task<(int Read, List<CtrTrafficItem> Items)> ReadTrafficAsync()
    {
        var snapshot = await catalog.GetAsync(Tenant, fresh: true);
        var ids = snapshot.Entries.Where(e => e.Windows is null || e.Windows.TotalImpressions >= Ctr.MinImpressions).Select(e => e.ItemId).ToList();
        var items = new List<CtrTrafficItem>();
        foreach (var batch in ids.Chunk(Math.Max(1, Ctr.ReadParallelism)))
        {
            var views = await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<IItemGrain>(id).GetAsync()));
            items.AddRange(views.OfType<ItemView>().Select(CtrMapping.TrafficOf));
        }
        return (ids.Count, items);
    }
}
