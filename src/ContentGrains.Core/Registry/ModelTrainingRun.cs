using ContentGrains.Core.Data;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;

namespace ContentGrains.Core.Registry;

/// <summary>The training settings a run needs: the log memory bound, the held-out sample, the gate's tolerance, and the
/// persons flagged as non-human traffic, whose events training leaves out (null: none).</summary>
/// <param name="Tenant">Whose log rows to train on (Core.Tenants; "" the default tenant's); null: every row (offline tools).</param>
public sealed record TrainingSettings(long MemoryBoundBytes, int HeldOutUsers, int HeldOutMinPositives, double GateTolerance, int Seed = 2020,
    IReadOnlyDictionary<string, Traffic.TrafficFlag>? NonHuman = null, string? Tenant = null);

/// <summary>
/// What to train: the registry name, the new version number, the kind, the catalog's tags, the champion to beat, and
/// the items' stored text vectors when the kind reads text (null: none).
/// </summary>
public sealed record TrainingRequest(string Name, long Version, string Kind, DateTimeOffset Now, AtomicFile? ItemFile, long? ChampionVersion,
    IReadOnlyDictionary<string, float[]>? TextVectors = null);

/// <summary>
/// The stored version (accepted or rejected), the gate's verdict, and, for a click model, whether the serving champion
/// should retire because the weighted ranking beats it (null: it stays).
/// </summary>
public sealed record TrainingOutcome(ModelVersion Version, GateDecision Decision, ChampionRetirement? Retirement = null);

/// <summary>
/// One training run, start to stored version: reads the log in pages within the memory bound, holds out each sampled
/// user's latest positive, trains the candidate on the rest, judges the candidate and the champion on the same held-out
/// events, lets the gate decide, and stores the version with its window, metrics, device and checksum (a rejected one
/// too, with the reason). Publishing the champion is the caller's. Cancellation is checked between phases.
/// </summary>
public sealed class ModelTrainingRun(IEventLog log, IModelStore store, TrainingSettings settings)
{
    private readonly ChampionGate gate = new(settings.GateTolerance);

    public static Traffic.TrafficExclusion? NonHumanExclusion(TrainingSettings settings) =>
        settings.NonHuman is { Count: > 0 } flags ? new Traffic.TrafficExclusion(flags) : null;

    public async Task<TrainingOutcome> RunAsync(TrainingRequest request, TrainingProgress progress, CancellationToken cancellation)
    {
        progress.Enter("reading");
        var (builder, window) = await new TrainingLogReader(log, settings.MemoryBoundBytes, NonHumanExclusion(settings), settings.Tenant).ReadAsync(progress.Read, cancellation).ConfigureAwait(false);
        var kind = LiveModelTrainer.ChooseKind(request.Kind, builder.Items.Count).Kind;
        if (LiveModelTrainer.CoversCatalog(kind)) LiveModelTrainer.AddCatalogItems(builder, request.ItemFile);
        var all = builder.Build();
        if (all.Count == 0) throw new InvalidOperationException("the event log holds no positive interactions to train on");
        var split = HeldOutSplit.From(builder, all, settings.HeldOutUsers, settings.HeldOutMinPositives, settings.Seed);

        cancellation.ThrowIfCancellationRequested();
        progress.Enter("training");
        // CPU-bound for seconds to minutes: off the caller's scheduler (a grain's), so it keeps answering meanwhile.
        var (model, report) = await Task.Run(
            () => LiveModelTrainer.Train(request.Name, request.Version, request.Now, builder, split.Train, request.Kind, request.ItemFile, request.TextVectors), cancellation)
            .ConfigureAwait(false);

        cancellation.ThrowIfCancellationRequested();
        progress.Enter("evaluating");
        var metrics = HeldOutEvaluator.Evaluate(model, split.Events);
        var championMetrics = await EvaluateChampionAsync(request, split.Events, cancellation).ConfigureAwait(false);
        var decision = gate.Judge(metrics, request.ChampionVersion, championMetrics);
        if (report.KindNote is { } note) decision = decision with { Reason = $"{note}; {decision.Reason}" };

        cancellation.ThrowIfCancellationRequested();
        progress.Enter("storing");
        var bytes = model.ToBytes();
        var version = new ModelVersion(request.Name, request.Version, report.Kind, model.TrainedAt, report.EventsRead, report.Users, report.Items,
            report.Positives, Math.Round(report.Seconds, 3), bytes.Length, window, metrics, report.Device, ArtifactChecksum.Of(bytes),
            decision.Accepted ? VersionStatus.Accepted : VersionStatus.Rejected, decision.Reason);
        await store.SaveAsync(version, bytes, CancellationToken.None).ConfigureAwait(false); // once stored, finish the run
        return new TrainingOutcome(version, decision);
    }

    /// <summary>The champion's metrics on the candidate's held-out events; null without a champion or when its artifact is unreadable.</summary>
    private async Task<VersionMetrics?> EvaluateChampionAsync(TrainingRequest request, IReadOnlyList<HeldOutEvent> events, CancellationToken cancellation)
    {
        if (request.ChampionVersion is not { } champion || events.Count == 0) return null;
        var bytes = await store.LoadAsync(request.Name, champion, cancellation).ConfigureAwait(false);
        if (bytes is null) return null;
        try { return HeldOutEvaluator.Evaluate(LiveModel.FromBytes(bytes), events); }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException or ArgumentException) { return null; }
    }
}
