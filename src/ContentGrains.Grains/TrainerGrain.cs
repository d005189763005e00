using ContentGrains.Abstractions;
using ContentGrains.Core.Click;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;
using ContentGrains.Core.Registry;
using ContentGrains.Core.Vectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace ContentGrains.Grains;

/// <summary>
/// Trains a model from the event log as jobs and keeps its registry (key: the model name qualified by its tenant,
/// <see cref="Core.Tenants.TenantKeys.Qualify(string, string)"/>: "default" and "click" for the default tenant, as before
/// tenants, "acme/default" and "acme/click" for tenant acme). A tenant's trainer reads only the tenant's log rows
/// (<see cref="Core.Log.IEventLog.ReadTenantAsync"/>) and catalog, and its champion reaches only the tenant's feeds. Placed on a gpu-role silo when
/// one is up. A start returns at once; the job runs on this activation between calls (the CPU-bound fit on the thread
/// pool), one per model at a time. An accepted version becomes the champion and is pushed to every silo; a rejected
/// one stays in the registry with the gate's reason. A click champion that the weighted ranking beats on a later run's
/// held-out feeds, when that run's candidate is rejected, is retired (unless an operator pinned it): the registry has
/// no champion, and every silo is told, so feeds use the weighted ranking again. A reminder starts jobs every RetrainInterval or after
/// RetrainAfterEvents new events of the tenant; each trainer registers its own on activation, so every tenant whose
/// trainer was ever asked (a feed polls it, a training starts it) is retrained on the schedule.
/// </summary>
[TrainerSiloPlacement]
[Immovable] // the activation rebalancer ignores placement filters; a trainer that fell back leaves by itself (LeaveForPreferredSilo)
public sealed class TrainerGrain(
    [PersistentState("trainer", ContentGrainsNames.SnapshotStorage)] IPersistentState<TrainerState> state,
    IEventLog log,
    IModelStore store,
    IItemVectorStore textVectors,
    CatalogCache catalog,
    IOptions<EngineOptions> options,
    IClusterMembershipService membership,
    ISiloMetadataCache siloMetadata,
    ILocalSiloDetails localSilo,
    TimeProvider clock,
    ILogger<TrainerGrain> logger,
    IClickModelTrainer? clickTrainer = null,
    IClickModelLoader? clickLoader = null,
    Core.Text.ITextEncoder? textEncoder = null) : Grain, ITrainerGrain, IRemindable
{
    private const string RetrainReminder = "retrain";
    private readonly List<TrainingJob> jobs = [];
    private readonly Dictionary<string, SiloModelView> silos = new(StringComparer.Ordinal);
    private TrainingJob? active;

    private string Name => this.GetPrimaryKeyString();
    private string Tenant => Core.Tenants.TenantKeys.TenantOf(Name);
    private string LocalName => Core.Tenants.TenantKeys.IdOf(Name); // the registry as its tenant names it, in messages
    private bool IsClickRegistry => LocalName == options.Value.ClickModelName;
    private string DefaultKind => IsClickRegistry ? ClickTrainingRun.Kind : options.Value.ModelKind;
    private TrainingOptions Training => options.Value.Training;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var schedule = RetrainSchedule.Of(options.Value);
        if (schedule.Period is { } every) await this.RegisterOrUpdateReminder(RetrainReminder, every, every);
        this.RegisterGrainTimer(LeaveForPreferredSilo, new GrainTimerCreationOptions(Training.PlacementCheck, Training.PlacementCheck) { KeepAlive = false });
    }

    /// <summary>
    /// A trainer placed while no silo with the preferred role was up, or known to the silo that placed it, would stay where
    /// it fell ([Immovable]). Once such a silo is up and no job runs, it deactivates: its next call (a silo's poll, the
    /// reminder) places it again, on that silo. Its registry is stored; the finished jobs it kept in memory are not carried.
    /// </summary>
    private Task LeaveForPreferredSilo(CancellationToken cancellation)
    {
        if (active is not null) return Task.CompletedTask;
        var preferred = TrainerSiloFilterDirector.WithRole(siloMetadata, ActiveSilos().Select(m => m.SiloAddress), Training.PreferredRole);
        if (preferred.Count == 0 || preferred.Contains(localSilo.SiloAddress)) return Task.CompletedTask;
        logger.LogInformation("Trainer {Name} leaves silo {Silo}: silo {Preferred} has role {Role} now; its next call places it there",
            Name, localSilo.Name, preferred[0], Training.PreferredRole);
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<TrainingJobStart> StartTrainingAsync(string? kind, string trigger)
    {
        if (active is { } running) return Task.FromResult(new TrainingJobStart(running.View(), false));
        var job = new TrainingJob(Guid.NewGuid().ToString("N")[..16], Name, kind, trigger, clock.GetUtcNow());
        jobs.Add(job);
        while (jobs.Count > Training.KeepJobs && jobs.FindIndex(j => !j.IsActive) is >= 0 and var oldest) jobs.RemoveAt(oldest);
        active = job;
        _ = RunAsync(job, kind ?? DefaultKind); // continues on this activation's scheduler, between calls
        return Task.FromResult(new TrainingJobStart(job.View(), true));
    }

    public Task<TrainingJobView?> GetJobAsync(string jobId) => Task.FromResult(Find(jobId)?.View());

    public Task<TrainingJobView?> CancelJobAsync(string jobId)
    {
        var job = Find(jobId);
        if (job is { IsActive: true }) job.Cancellation.Cancel();
        return Task.FromResult(job?.View());
    }

    public async Task<ModelRegistryView> GetRegistryAsync()
    {
        var versions = await store.ListAsync(Name);
        return RegistryView(versions);
    }

    public async Task<ModelRegistryView> SetChampionAsync(long version)
    {
        var versions = await store.ListAsync(Name);
        var chosen = versions.FirstOrDefault(v => v.Version == version)
                     ?? throw new ArgumentException($"model {LocalName} has no stored version {version}", nameof(version));
        if (chosen.Status == VersionStatus.Rejected)
            throw new ArgumentException($"model {LocalName} version {version} was rejected by the gate ({chosen.Reason})", nameof(version));
        (state.State.Champion, state.State.Pinned) = (version, version);
        state.State.Retired.Remove(version); // an operator's choice serves it again, retired or not
        state.State.RetiredLast = null;
        await state.WriteStateAsync();
        await PublishAsync(version);
        return RegistryView(versions);
    }

    public async Task<ModelRegistryView> UnpinChampionAsync()
    {
        state.State.Pinned = null;
        await state.WriteStateAsync();
        return RegistryView(await store.ListAsync(Name));
    }

    private ModelRegistryView RegistryView(IEnumerable<ModelVersion> versions) =>
        new(Name, state.State.Champion, versions.Select(View).ToList(), silos.Values.OrderBy(s => s.Silo).ToList(), state.State.Pinned,
            state.State is { Champion: null, RetiredLast: { } retired } && state.State.Retired.TryGetValue(retired, out var why)
                ? $"no champion: v{retired} was retired ({why}); feeds use {Core.Feed.FeedPipeline.HeuristicName} until a click model beats it" : null);

    public Task<long?> GetChampionAsync() => Task.FromResult(state.State.Champion);

    public async Task<long?> PollChampionAsync(SiloModelView report)
    {
        await ReportSiloAsync(report);
        return state.State.Champion;
    }

    public Task ReportSiloAsync(SiloModelView report)
    {
        // One-way reports may arrive out of order (a swap's, then its neighbour lists' a moment later): the newest stands.
        if (!silos.TryGetValue(report.Silo, out var held) || report.ReportedAt >= held.ReportedAt) silos[report.Silo] = report;
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        if (reminderName != RetrainReminder || active is not null) return;
        var trigger = RetrainSchedule.Of(options.Value).Due(await NewEventsAsync(), state.State.LastTrainedAt, state.State.LastFailedAt, clock.GetUtcNow());
        if (trigger is not null) await StartTrainingAsync(null, trigger);
    }

    /// <summary>
    /// The tenant's events logged since the last training: counted above the last sequence it read. A registry trained
    /// before tenants has no sequence yet and counts as it did then (the whole log against the count it read).
    /// </summary>
    private async Task<long> NewEventsAsync() => state.State is { SequenceAtLastTraining: null, LastTrainedAt: not null }
        ? await log.CountAsync() - state.State.EventsAtLastTraining
        : await log.CountTenantAsync(Tenant, state.State.SequenceAtLastTraining ?? 0);

    private async Task RunAsync(TrainingJob job, string kind)
    {
        await Task.Yield(); // the start call answers first
        this.DelayDeactivation(TimeSpan.FromHours(6));
        try
        {
            job.Start();
            ReleaseIdleModels();
            var version = state.State.LastVersion + 1;
            state.State.LastVersion = version;
            await state.WriteStateAsync(); // claim the version before the artifact, so a failed save never reuses it
            if (IsClickRegistry != (kind == ClickTrainingRun.Kind))
                throw new ArgumentException($"registry '{Name}' trains {(IsClickRegistry ? "only click models" : "feed models, not click models")}; " +
                                            $"click models train under '{options.Value.ClickModelName}'");
            var outcome = kind == ClickTrainingRun.Kind ? await RunClickAsync(job, version) : await RunFeedModelAsync(job, version, kind);
            await RecordAsync(job, outcome);
        }
        catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
        {
            job.Finish(TrainingJob.Cancelled, clock.GetUtcNow(), why: "cancelled on request");
        }
        catch (Exception error)
        {
            logger.LogError(error, "Training job {Job} of {Name} failed; the reminder starts none before {Retry}", job.Id, Name, clock.GetUtcNow() + Training.RetryAfterFailure);
            job.Finish(TrainingJob.Failed, clock.GetUtcNow(), why: error.Message);
            await RecordFailureAsync();
        }
        finally
        {
            active = null;
        }
    }

    /// <summary>
    /// The text encoder's session (87 MB of native weights) is idle between an import's bursts but kept for a minute after
    /// the last encode; a job that starts meanwhile would train beside it. Freed here, before the job allocates, so the
    /// fit's native heap can reuse its room (the trainer hands the free pages back before libtorch loads); the next
    /// encode loads it again (about a second).
    /// </summary>
    private void ReleaseIdleModels()
    {
        if (textEncoder is Core.Text.IReleasableModel model && model.ReleaseUnused())
            logger.LogInformation("Training job of {Name}: released the idle text encoder's model for the job's memory", Name);
    }

    private async Task<TrainingOutcome> RunFeedModelAsync(TrainingJob job, long version, string kind)
    {
        var request = new TrainingRequest(Name, version, kind, clock.GetUtcNow(), CatalogSideFile.From(await catalog.GetAsync(Tenant, fresh: true)), state.State.Champion,
            LiveModelTrainer.CoversCatalog(kind) ? await ItemTextVectorPages.ReadAllAsync(textVectors, job.Cancellation.Token) : null);
        return await new ModelTrainingRun(log, store, await SettingsAsync()).RunAsync(request, job.Progress, job.Cancellation.Token);
    }

    /// <summary>
    /// The click kind: rows replayed from the log, the item's tags and publish time from the catalog as it is now, and
    /// each logged feed's embedding score from the tenant's feed-model version in force when it was shown.
    /// </summary>
    private async Task<TrainingOutcome> RunClickAsync(TrainingJob job, long version)
    {
        if (clickTrainer is null || clickLoader is null)
            throw new InvalidOperationException($"silo {RuntimeIdentity} has no click model trainer and loader registered (the host registers them)");
        var snapshot = await catalog.GetAsync(Tenant, fresh: true);
        var feedModels = await FeedModelHistory.FromStoreAsync(store, Core.Tenants.TenantKeys.Qualify(Tenant, options.Value.ModelName), job.Cancellation.Token);
        var request = new ClickTrainingRequest(Name, version, clock.GetUtcNow(),
            id => snapshot.Find(id) is { } entry ? (entry.Tags, entry.PublishedAt) : null, state.State.Champion, options.Value.Profile, options.Value.Feed,
            feedModels);
        return await new ClickTrainingRun(log, store, await SettingsAsync(), clickTrainer, clickLoader).RunAsync(request, job.Progress, job.Cancellation.Token);
    }

    private async Task RecordFailureAsync()
    {
        state.State.LastFailedAt = clock.GetUtcNow();
        try { await state.WriteStateAsync(); }
        catch (Exception error) { logger.LogWarning(error, "The failure time of {Name} was not stored; it holds until this activation ends", Name); }
    }

    private async Task RecordAsync(TrainingJob job, TrainingOutcome outcome)
    {
        var v = outcome.Version;
        state.State.LastFailedAt = null;
        state.State.EventsAtLastTraining = v.EventsRead;
        state.State.SequenceAtLastTraining = v.Window?.LastSequence ?? state.State.SequenceAtLastTraining ?? 0;
        state.State.LastTrainedAt = clock.GetUtcNow();
        var promote = outcome.Decision.Accepted && state.State.Pinned is null;
        if (promote) (state.State.Champion, state.State.RetiredLast) = (v.Version, null);
        var retirement = Retire(outcome.Retirement);
        await state.WriteStateAsync();
        logger.LogInformation("Job {Job} trained {Name} v{Version} ({Kind}, {Positives} positives, {Seconds:F2} s on {Device}): {Status}, {Reason}",
            job.Id, Name, v.Version, v.Kind, v.Positives, v.TrainSeconds, v.Device, v.Status, v.Reason);
        if (promote || retirement.Retired)
        {
            job.Progress.Enter("publishing");
            await PublishAsync(state.State.Champion);
        }
        if (retirement.Note is { } note) logger.LogWarning("Job {Job} of {Name}: {Note}", job.Id, Name, note);
        var reason = outcome.Decision.Accepted && !promote
            ? $"{v.Reason}; not made champion: v{state.State.Pinned} is pinned by an operator (DELETE /v1/models/champion/pin releases it)"
            : v.Reason + (retirement.Note is { } said ? $"; {said}" : "");
        job.Finish(outcome.Decision.Accepted ? TrainingJob.Succeeded : TrainingJob.Rejected, clock.GetUtcNow(), v.Version, reason);
    }

    /// <summary>
    /// Retires the click champion the weighted ranking beat (<see cref="ChampionGate.Retirement"/>): the registry has no
    /// champion, so feeds fall back to the ranking once the caller publishes that. A champion pinned by an operator stays
    /// (the operator chose it over the trainings' verdicts), and the note says so. Nothing when no retirement was asked,
    /// or it names a version that is no longer the champion (an operator chose another meanwhile).
    /// </summary>
    private (bool Retired, string? Note) Retire(ChampionRetirement? retirement)
    {
        if (retirement is null || retirement.Version != state.State.Champion) return (false, null);
        if (state.State.Pinned == retirement.Version)
            return (false, $"champion v{retirement.Version} not retired although {retirement.Reason}: it is pinned by an operator " +
                           "(DELETE /v1/models/champion/pin releases it)");
        state.State.Champion = null;
        state.State.Retired[retirement.Version] = retirement.Reason;
        state.State.RetiredLast = retirement.Version;
        return (true, $"champion v{retirement.Version} retired: {retirement.Reason}; feeds use {Core.Feed.FeedPipeline.HeuristicName}");
    }

    /// <summary>
    /// One message per active silo, so each silo's scorer hears of the champion (null: a click champion retired, none
    /// serves); polling covers a silo that misses it.
    /// </summary>
    private async Task PublishAsync(long? version)
    {
        var provider = this.GetStreamProvider(ChampionStream.Provider);
        foreach (var member in ActiveSilos())
        {
            try { await provider.GetStream<ChampionMessage>(ChampionStream.For(member.Name)).OnNextAsync(new ChampionMessage(Name, version)); }
            catch (Exception error) { logger.LogWarning(error, "Could not push {Name} v{Version} to silo {Silo}; it will poll", Name, version, member.Name); }
        }
    }

    private IEnumerable<ClusterMember> ActiveSilos() => membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active);

    private TrainingSettings Settings() =>
        new(Training.MemoryBoundBytes, Training.HeldOutUsers, Training.HeldOutMinPositives, Training.GateTolerance, Tenant: Tenant);

    /// <summary>The settings with the persons the latest KPI computation flagged as non-human: training leaves them out.</summary>
    private async Task<TrainingSettings> SettingsAsync()
    {
        var flags = await GrainFactory.GetGrain<IKpiGrain>(Core.Tenants.TenantJobs.GrainKey(Tenant)).GetFlagsAsync(); // the tenant's own KPI job
        return Settings() with { NonHuman = flags.Count == 0 ? null : flags.ToDictionary(f => f.PersonId, f => f.ToCore(), StringComparer.Ordinal) };
    }

    private TrainingJob? Find(string jobId) => jobs.FirstOrDefault(j => j.Id == jobId);

    /// <summary>The version as stored, shown as retired (with why, after the gate's reason) when the ranking beat it as champion.</summary>
    private ModelVersionView View(ModelVersion v)
    {
        var retired = state.State.Retired.TryGetValue(v.Version, out var why);
        return new(v.Name, v.Version, v.Kind, v.TrainedAt, v.EventsRead, v.Users, v.Items, v.Positives, v.TrainSeconds,
            v.Bytes, v.Version == state.State.Champion,
            v.Window is { } w ? new ModelWindowView(w.FirstSequence, w.LastSequence, w.FirstEventAt, w.LastEventAt) : null,
            v.Metrics is { } m ? new ModelMetricsView(m.Ndcg10, m.Recall10, m.HeldOutUsers, m.Auc, m.LogLoss, m.GroupAuc) : null,
            v.Device, v.Sha256, retired ? VersionStatus.Retired : v.Status, retired ? $"{v.Reason}; retired as champion: {why}" : v.Reason);
    }
}
