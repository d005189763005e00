using ContentGrains.Abstractions;
using ContentGrains.Core.Experiments;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;
using ContentGrains.Core.Tenants;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One experiment (key: experiment id). Create, start and stop write the snapshot at once; exposures and outcomes
/// follow the snapshot schedule (every N changes, on the timer, on deactivation), as user grains do. Metrics measured
/// from events are counted when results are asked for, incrementally: each read after new events reads the tenant's log
/// after the position the last read reached, in the trainer's page size (<see cref="IncrementalOutcomePass"/>), and the
/// analysis is reused while neither the log, the exposure log nor the flags changed. The pass (per-person tallies, the
/// traffic detector, the log position) is stored in its own row, <see cref="ExperimentMeasureState"/>, after each read
/// that moved it.
/// </summary>
public sealed class ExperimentGrain(
    [PersistentState("experiment", ContentGrainsNames.SnapshotStorage)] IPersistentState<ExperimentState> state,
    [PersistentState("experiment-measure", ContentGrainsNames.SnapshotStorage)] IPersistentState<ExperimentMeasureState> measureState,
    IEventLog log,
    IOptions<EngineOptions> options,
    TimeProvider clock) : Grain, IExperimentGrain
{
    private readonly SnapshotSchedule snapshots = new(options.Value.SnapshotEveryEvents);
    private ArmAssigner? assigner;
    private long changes; // exposures, outcomes and lifecycle moves since activation: part of the measured outcomes' reuse key
    private (long LogCount, long Changes, int Flags, MeasuredOutcomes Outcomes)? measured;
    private IncrementalOutcomePass? pass;

    private string Id => this.GetPrimaryKeyString();
    private ExperimentState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.StartSnapshotTimer(state, snapshots, options.Value.SnapshotInterval);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<FieldError>> CreateAsync(ExperimentSpec spec)
    {
        if (S.Design is not null) return [new FieldError("id", $"experiment {Id} already exists")];
        var (design, errors) = ExperimentMapping.ToDesign(Id, spec);
        if (design is null) return errors;
        (S.Design, S.Description, S.Status, S.CreatedAt) = (design, spec.Description, ExperimentStatus.Draft, clock.GetUtcNow());
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IExperimentDirectoryGrain>(0).AddAsync(Id); // so KPI and report jobs can find its arms
        return [];
    }

    public Task<ExperimentView?> GetAsync() => Task.FromResult(View());

    public Task<ExperimentTransition> StartAsync() => MoveAsync(ExperimentStatus.Draft, ExperimentStatus.Running, s => s.StartedAt = clock.GetUtcNow());

    public Task<ExperimentTransition> StopAsync() => MoveAsync(ExperimentStatus.Running, ExperimentStatus.Stopped, s => s.StoppedAt = clock.GetUtcNow());

    public async Task<ExperimentAssignment?> AssignAsync(string userId, double? preExposure)
    {
        if (S.Design is not { } design) return null;
        if (S.Status != ExperimentStatus.Running) return Assignment(userId, design.Control.Name, logged: false);
        assigner ??= new ArmAssigner(design.Salt, design.Arms);
        var participant = S.Ledger.Expose(assigner, userId, clock.GetUtcNow(), preExposure);
        changes++;
        if (snapshots.Record(1)) await state.WriteIfDirtyAsync(snapshots);
        return Assignment(userId, participant.Arm, logged: true);
    }

    public async Task<OutcomeStatus> RecordOutcomeAsync(string userId, string metric, double value)
    {
        if (S.Design is not { } design) return OutcomeStatus.NotFound;
        if (S.Status != ExperimentStatus.Running) return OutcomeStatus.NotRunning;
        if (design.Metrics.All(m => m.Name != metric)) return OutcomeStatus.UnknownMetric;
        if (!S.Ledger.Record(userId, metric, value)) return OutcomeStatus.NotExposed;
        changes++;
        if (snapshots.Record(1)) await state.WriteIfDirtyAsync(snapshots);
        return OutcomeStatus.Recorded;
    }

    /// <summary>
    /// Results over the exposed persons that are not flagged as non-human (by the latest KPI computation, and for metrics
    /// measured from events also by the same rules over their own events); the rest are counted.
    /// </summary>
    public async Task<ExperimentResults?> GetResultsAsync()
    {
        if (S.Design is not { } design) return null;
        var flags = await GrainFactory.GetGrain<IKpiGrain>(TenantJobs.GrainKey(TenantKeys.TenantOf(Id))).GetFlagsAsync(); // the tenant's own KPI job
        var flagged = flags.Select(f => f.PersonId).ToHashSet(StringComparer.Ordinal);
        if (design.MeasuresEvents)
        {
            var outcomes = await MeasureAsync(design, flagged);
            var measuredReport = new ExperimentAnalysis(design).Analyze([.. outcomes.Outcomes.Participants]);
            return ExperimentMapping.ToResults(Id, S.Status, measuredReport) with
            {
                ExcludedNonHuman = outcomes.Outcomes.ExcludedPersons, Measured = ExperimentMapping.ToView(outcomes, design.PreExposureDays),
            };
        }
        var humans = S.Ledger.Participants.Where(p => !flagged.Contains(p.Key)).Select(p => p.Value).ToList();
        var report = new ExperimentAnalysis(design).Analyze(humans);
        return ExperimentMapping.ToResults(Id, S.Status, report) with { ExcludedNonHuman = S.Ledger.Participants.Count - humans.Count };
    }

    public Task<ExperimentResults?> GetResultsAfterFullPassAsync()
    {
        (pass, measured, measureState.State.Pass) = (null, null, null); // Resume finds nothing stored: the next pass starts from the log's start
        return GetResultsAsync();
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetFirstExposuresAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(
            S.Ledger.Participants.ToDictionary(p => p.Key, p => p.Value.FirstExposure, StringComparer.Ordinal));

    /// <summary>
    /// The log-measured outcomes: the pass goes on from where it stopped (or starts afresh: see
    /// <see cref="IncrementalOutcomePass.Resume"/>) only when the log, the exposure log or the flags changed.
    /// </summary>
    private async Task<MeasuredOutcomes> MeasureAsync(ExperimentDesign design, IReadOnlySet<string> flagged)
    {
        if (S.Ledger.Participants.Count == 0) // nobody to measure: no pass over the log
            return new MeasuredOutcomes(new LogOutcomes([], 0, 0, 0, 0, 0, new Dictionary<string, long>()), clock.GetUtcNow(), "none", new PassStats(0, 0, 0, 0), 0);
        var logCount = await log.CountAsync();
        if (measured is { } kept && kept.LogCount == logCount && kept.Changes == changes && kept.Flags == flagged.Count) return kept.Outcomes;
        var fresh = false;
        if (pass is null || pass.Measure.StoppedAt != S.StoppedAt) // a stop changes what counts: Resume starts afresh then
            pass = IncrementalOutcomePass.Resume(measureState.State.Pass, design, S.Ledger.Participants, S.StoppedAt, options.Value.Kpis.Traffic, out fresh,
                options.Value.ExperimentLateCommitSequences);
        var tenantLog = new TenantEventLog(log, TenantKeys.TenantOf(Id));
        var pageEvents = new TrainingLogReader(tenantLog, options.Value.Training.MemoryBoundBytes).PageEvents;
        var (current, exposed) = (pass, S.Ledger.Participants); // taken here: grain state is not readable from the thread pool
        var stats = await Task.Run(() => current.RunAsync(tenantLog, pageEvents, exposed));
        if (stats.EventsTaken > 0 || stats.PersonsAdded > 0 || fresh)
        {
            measureState.State.Pass = current.ToBytes();
            await measureState.WriteStateAsync();
        }
        var outcomes = new MeasuredOutcomes(current.Measure.Finish(S.Ledger.Participants, flagged), clock.GetUtcNow(), fresh ? "full" : "incremental", stats, current.Cursor);
        measured = (logCount, changes, flagged.Count, outcomes);
        return outcomes;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => state.WriteIfDirtyAsync(snapshots);

    private async Task<ExperimentTransition> MoveAsync(string from, string to, Action<ExperimentState> stamp)
    {
        if (S.Design is null) return new ExperimentTransition(null);
        if (S.Status != from) return new ExperimentTransition(View(), $"experiment {Id} is {S.Status}; only a {from} experiment can become {to}");
        S.Status = to;
        stamp(S);
        changes++; // a stop bounds what the measured outcomes count
        await state.WriteStateAsync();
        snapshots.Saved();
        return new ExperimentTransition(View());
    }

    private ExperimentAssignment Assignment(string userId, string arm, bool logged) =>
        new(Id, userId, arm, logged, S.Design!.Arms.First(a => a.Name == arm).Feed is { } feed ? ExperimentMapping.ToSpec(feed) : null);

    private ExperimentView? View() => S.Design is not { } design ? null
        : new ExperimentView(Id, S.Status, ExperimentMapping.ToSpec(design, S.Description), S.CreatedAt, S.StartedAt, S.StoppedAt,
            S.Ledger.Participants.Count);
}
