using ContentGrains.Abstractions;
using ContentGrains.Core.Experiments;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One experiment (key: experiment id). Create, start and stop write the snapshot at once; exposures and outcomes
/// follow the snapshot schedule (every N changes, on the timer, on deactivation), as user grains do.
/// </summary>
public sealed class ExperimentGrain(
    [PersistentState("experiment", ContentGrainsNames.SnapshotStorage)] IPersistentState<ExperimentState> state,
    IOptions<EngineOptions> options,
    TimeProvider clock) : Grain, IExperimentGrain
{
    private readonly SnapshotSchedule snapshots = new(options.Value.SnapshotEveryEvents);
    private ArmAssigner? assigner;

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
        if (snapshots.Record(1)) await state.WriteIfDirtyAsync(snapshots);
        return Assignment(userId, participant.Arm, logged: true);
    }

    public async Task<OutcomeStatus> RecordOutcomeAsync(string userId, string metric, double value)
    {
        if (S.Design is not { } design) return OutcomeStatus.NotFound;
        if (S.Status != ExperimentStatus.Running) return OutcomeStatus.NotRunning;
        if (design.Metrics.All(m => m.Name != metric)) return OutcomeStatus.UnknownMetric;
        if (!S.Ledger.Record(userId, metric, value)) return OutcomeStatus.NotExposed;
        if (snapshots.Record(1)) await state.WriteIfDirtyAsync(snapshots);
        return OutcomeStatus.Recorded;
    }

    /// <summary>Results over the exposed persons that the latest KPI computation did not flag as non-human; the rest are counted.</summary>
    public async Task<ExperimentResults?> GetResultsAsync()
    {
        if (S.Design is not { } design) return null;
        var flags = await GrainFactory.GetGrain<IKpiGrain>(Core.Tenants.TenantJobs.GrainKey(Core.Tenants.TenantKeys.TenantOf(Id))).GetFlagsAsync(); // the tenant's own KPI job
        var flagged = flags.Select(f => f.PersonId).ToHashSet(StringComparer.Ordinal);
        var humans = S.Ledger.Participants.Where(p => !flagged.Contains(p.Key)).Select(p => p.Value).ToList();
        var report = new ExperimentAnalysis(design).Analyze(humans);
        return ExperimentMapping.ToResults(Id, S.Status, report) with { ExcludedNonHuman = S.Ledger.Participants.Count - humans.Count };
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => state.WriteIfDirtyAsync(snapshots);

    private async Task<ExperimentTransition> MoveAsync(string from, string to, Action<ExperimentState> stamp)
    {
        if (S.Design is null) return new ExperimentTransition(null);
        if (S.Status != from) return new ExperimentTransition(View(), $"experiment {Id} is {S.Status}; only a {from} experiment can become {to}");
        S.Status = to;
        stamp(S);
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
