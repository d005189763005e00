using ContentGrains.Abstractions;
using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Log;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Trains the feed's model from the event log (key: model name) and keeps its registry: each training stores a new
/// version's artifact in the model store and makes it the champion; silos' <see cref="ModelCache"/>s pick it up.
/// Retrains on a reminder when events arrived since the last training.
/// </summary>
public sealed class TrainerGrain(
    [PersistentState("trainer", ContentGrainsNames.SnapshotStorage)] IPersistentState<TrainerState> state,
    IEventLog log,
    IModelStore store,
    CatalogCache catalog,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    ILogger<TrainerGrain> logger) : Grain, ITrainerGrain, IRemindable
{
    private const string RetrainReminder = "retrain";
    private const int PageSize = 100_000;

    private string Name => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var every = options.Value.RetrainInterval;
        if (every > TimeSpan.Zero) await this.RegisterOrUpdateReminder(RetrainReminder, every, every);
    }

    public async Task<ModelVersionView> TrainAsync(string? kind)
    {
        var events = await ReadLogAsync();
        var itemFile = CatalogSideFile.From(await catalog.GetAsync(fresh: true));
        var version = state.State.LastVersion + 1;
        var chosenKind = kind ?? options.Value.ModelKind;
        // Training is CPU-bound for seconds: off the grain scheduler, so the silo keeps serving meanwhile.
        var (model, report) = await Task.Run(() => LiveModelTrainer.Train(Name, version, clock.GetUtcNow(), events, chosenKind, itemFile));
        var bytes = model.ToBytes();
        var record = new ModelVersion(Name, version, report.Kind, model.TrainedAt, report.EventsRead, report.Users, report.Items, report.Positives,
            Math.Round(report.Seconds, 3), bytes.Length);

        state.State.LastVersion = version;
        await state.WriteStateAsync(); // claim the version before the artifact, so a failed save never reuses it
        await store.SaveAsync(record, bytes);
        state.State.Champion = version;
        state.State.EventsAtLastTraining = report.EventsRead;
        await state.WriteStateAsync();
        logger.LogInformation("Trained {Name} v{Version}: {Kind}, {Users} users, {Items} items, {Positives} positives in {Seconds:F2} s",
            Name, version, report.Kind, report.Users, report.Items, report.Positives, report.Seconds);
        return View(record);
    }

    public async Task<ModelRegistryView> GetRegistryAsync()
    {
        var versions = await store.ListAsync(Name);
        return new ModelRegistryView(Name, state.State.Champion, versions.Select(View).ToList());
    }

    public async Task<ModelRegistryView> SetChampionAsync(long version)
    {
        var versions = await store.ListAsync(Name);
        if (versions.All(v => v.Version != version))
            throw new ArgumentException($"model {Name} has no stored version {version}", nameof(version));
        state.State.Champion = version;
        await state.WriteStateAsync();
        return new ModelRegistryView(Name, version, versions.Select(View).ToList());
    }

    public Task<long?> GetChampionAsync() => Task.FromResult(state.State.Champion);

    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        if (reminderName != RetrainReminder) return;
        if (await log.CountAsync() <= state.State.EventsAtLastTraining) return;
        try { await TrainAsync(null); }
        catch (InvalidOperationException error) { logger.LogWarning(error, "Scheduled training of {Name} skipped", Name); }
    }

    private async Task<List<Interaction>> ReadLogAsync()
    {
        var events = new List<Interaction>();
        long after = 0;
        while (true)
        {
            var page = await log.ReadAsync(after, PageSize);
            events.AddRange(page.Select(p => p.Event));
            if (page.Count < PageSize) return events;
            after = page[^1].Sequence;
        }
    }

    private ModelVersionView View(ModelVersion v) =>
        new(v.Name, v.Version, v.Kind, v.TrainedAt, v.EventsRead, v.Users, v.Items, v.Positives, v.TrainSeconds, v.Bytes, v.Version == state.State.Champion);
}
