using ContentGrains.Abstractions;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Items;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One item's metadata, live counters and headline test (key: item id). Same snapshot-and-replay scheme as
/// <see cref="UserGrain"/>. The headline test's counts live here; feeds pick variants from the silos' copies
/// (<see cref="VariantCache"/>), which this grain refreshes through the <see cref="VariantBoardGrain"/> when they change.
/// </summary>
// Migrates with its state as grain storage's bytes, as UserGrain (MigrationCodecs).
public sealed class ItemGrain(
    [PersistentState("item", ContentGrainsNames.SnapshotStorage)] IPersistentState<ItemState> state,
    IEventLog log,
    ItemTextVectorWorker textVectors,
    CtrModelCache ctrModels,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    SnapshotTimers snapshotTimers) : Grain, IItemGrain, IItemEventsGrain, IItemSnapshotGrain, ISnapshotTimerOwner
{
    private readonly SnapshotSchedule snapshots = new(options.Value.SnapshotEveryEvents, options.Value.SnapshotTimerMinEvents);
    /// <summary>This item's predicted CTR under the served CTR model, computed once per model version and stored metadata.</summary>
    private Core.Performance.ItemCtrPrediction? prediction;
    private long predictionVersion;
    private string ItemId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Apply(await log.ReadItemAsync(ItemId, state.State.Applied.ReplayFrom, cancellationToken), replay: true);
        if (Variants is not null) await PublishVariantsAsync(); // heals a board that lost this item
        snapshots.UseTimer(this);
    }

    /// <summary>The silo's timer, not a grain timer: an activation that once had a grain timer keeps about 320 B for it, for life (<see cref="SnapshotTimers"/>).</summary>
    IDisposable ISnapshotTimerOwner.ArmSnapshotTimer() =>
        snapshotTimers.Arm<IItemSnapshotGrain>(ItemId, SnapshotGrainExtensions.SpreadOver(options.Value.SnapshotInterval));

    /// <summary>The silo's snapshot timer fired: written when the timer writes (enough unsaved events, <see cref="EngineOptions.SnapshotTimerMinEvents"/>).</summary>
    public Task WriteSnapshotIfDirtyAsync() => state.SnapshotTimerFiredAsync(snapshots);

    public async Task<IReadOnlyList<FieldError>> PutAsync(ItemMetadata metadata)
    {
        var stored = await StoreAsync(metadata);
        if (stored.Entry is not null) await GrainFactory.CatalogShardOf(ItemId, options.Value.CatalogShards).UpsertAsync([stored.Entry]);
        return stored.Errors;
    }

    public async Task<ItemStored> StoreAsync(ItemMetadata metadata)
    {
        // The id as its tenant's client sent it: the grain key carries the tenant (Core.Tenants.TenantKeys).
        var (info, problems) = ItemValidator.Validate(Core.Tenants.TenantKeys.IdOf(ItemId), ItemMapping.ToInput(metadata));
        if (info is null) return new ItemStored(problems.Select(p => new FieldError(p.Field, p.Reason)).ToList(), null);
        var hadTest = Variants is not null;
        state.State.Metadata = info;
        prediction = null; // new metadata, new facts: predicted again on the next read
        state.State.Variants.Define(info.Variants ?? []);
        await state.WriteStateAsync();
        snapshots.Saved();
        if (hadTest || Variants is not null) await PublishVariantsAsync();
        textVectors.Enqueue(ItemId, info); // encoded off the request path; unchanged text is skipped there
        var counters = state.State.Counters;
        var entry = CatalogIndex.EntryFor(ItemId, info) with { Trend = counters.Trend, EventsApplied = counters.EventsApplied, Windows = counters.Windows.Copy() };
        return new ItemStored([], CatalogEntryMessage.From(entry));
    }

    public Task<ItemView?> GetAsync()
    {
        var s = state.State;
        if (s.Metadata is null && s.Counters.EventsApplied == 0) return Task.FromResult<ItemView?>(null);
        return Task.FromResult<ItemView?>(new ItemView(ItemId, s.Metadata is null ? null : ItemMapping.ToMetadata(s.Metadata),
            ItemMapping.ToStats(s.Counters, ctrModels.ItemPrior(Predict()?.PredictedCtr))));
    }

    public Task<ItemCtrPrior?> GetCtrPriorAsync()
    {
        var s = state.State;
        if (s.Metadata is null && s.Counters.EventsApplied == 0) return Task.FromResult<ItemCtrPrior?>(null);
        var predicted = Predict();
        var prior = ctrModels.ItemPrior(predicted?.PredictedCtr);
        return Task.FromResult<ItemCtrPrior?>(new ItemCtrPrior(ItemId, predicted is null ? null : predictionVersion, predicted?.PredictedCtr,
            prior.Mean, prior.Weight, Math.Round(s.Counters.SmoothedCtr(prior), 6),
            predicted?.TopFeatures.Select(f => new CtrFeatureShare(f.Feature, Math.Round(f.Share, 4))).ToList() ?? []));
    }

    /// <summary>
    /// The item's prediction under the served CTR model (null while none is served, or for an item known only from
    /// events): computed when the version changes or the item is stored, then kept, so reads and feeds pay a look-up.
    /// </summary>
    private Core.Performance.ItemCtrPrediction? Predict()
    {
        if (ctrModels.CurrentOf(Core.Tenants.TenantKeys.TenantOf(ItemId)) is not { } model || state.State.Metadata is not { } info) return null;
        if (prediction is null || predictionVersion != model.Version)
        {
            prediction = ctrModels.Predict(model, ItemId, info);
            predictionVersion = model.Version;
        }
        return prediction;
    }

    public Task<VariantTestView?> GetVariantsAsync() =>
        Task.FromResult(Variants is { } variants
            ? VariantMapping.ToView(ItemId, state.State.Variants.Report(ItemId, variants, options.Value.Variants))
            : null);

    public async Task<VariantStop> StopVariantsAsync(string? pinVariantId)
    {
        if (Variants is null) return new VariantStop(VariantStopStatus.NoTest, null);
        if (state.State.Variants.Stop(ItemId, pinVariantId, options.Value.Variants, clock.GetUtcNow()) is null)
            return new VariantStop(VariantStopStatus.UnknownVariant, await GetVariantsAsync());
        await state.WriteStateAsync();
        snapshots.Saved();
        await PublishVariantsAsync();
        return new VariantStop(VariantStopStatus.Stopped, await GetVariantsAsync());
    }

    public async Task<ItemApplied> ApplyAsync(IReadOnlyList<LoggedEventMessage> events)
    {
        var (due, variantsChanged) = Apply(events.Select(e => new LoggedInteraction(e.Sequence, e.ToInteraction())), replay: false);
        if (due) await state.WriteIfDirtyAsync(snapshots);
        if (variantsChanged && Variants is not null) await PublishVariantsAsync();
        Predict(); // an item with traffic gets its prediction on this silo for the feed's click model
        var c = state.State.Counters;
        return new ItemApplied(state.State.Metadata is not null, state.State.Metadata?.Tags ?? [], c.Trend.Value, c.Trend.AsOfUnixMs, c.EventsApplied,
            WindowsMessage.From(c.Windows));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.WriteOnDeactivationAsync(snapshots);

    /// <summary>The item's headline variants; null when it has none (no test).</summary>
    private IReadOnlyList<Core.Variants.HeadlineVariant>? Variants => state.State.Metadata?.Variants is { Count: > 0 } v ? v : null;

    private Task PublishVariantsAsync()
    {
        var message = Variants is { } variants
            ? VariantPosteriorsMessage.From(new Core.Variants.VariantPosteriors(ItemId, variants,
                state.State.Variants.Posteriors(options.Value.Variants), state.State.Variants.Served))
            : null;
        return GrainFactory.GetGrain<IVariantBoardGrain>(0).PublishAsync(message, ItemId);
    }

    /// <summary>Applies the events not applied before: whether a snapshot is due, and whether the headline test's counts changed.</summary>
    private (bool SnapshotDue, bool VariantsChanged) Apply(IEnumerable<LoggedInteraction> events, bool replay)
    {
        var applied = 0;
        var variantsChanged = false;
        DateTimeOffset last = default;
        foreach (var logged in events)
        {
            if (!state.State.Applied.TryMark(logged.Sequence, replay)) continue;
            state.State.Counters.Apply(logged.Event, options.Value.TrendHalfLife);
            variantsChanged |= state.State.Variants.Apply(logged.Event);
            last = logged.Event.Timestamp;
            applied++;
        }
        // The decision time is the event time of the batch that decided it, so a replay decides at the same time.
        if (variantsChanged) state.State.Variants.CheckWinner(ItemId, options.Value.Variants, last);
        return (snapshots.Record(applied), variantsChanged);
    }
}
