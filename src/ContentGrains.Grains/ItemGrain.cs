using ContentGrains.Abstractions;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Items;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>One item's metadata and live counters (key: item id). Same snapshot-and-replay scheme as <see cref="UserGrain"/>.</summary>
public sealed class ItemGrain(
    [PersistentState("item", ContentGrainsNames.SnapshotStorage)] IPersistentState<ItemState> state,
    IEventLog log,
    ItemTextVectorWorker textVectors,
    IOptions<EngineOptions> options) : Grain, IItemGrain, IItemEventsGrain
{
    private readonly SnapshotSchedule snapshots = new(options.Value.SnapshotEveryEvents);
    private string ItemId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Apply(await log.ReadItemAsync(ItemId, state.State.Applied.ReplayFrom, cancellationToken), replay: true);
        this.StartSnapshotTimer(state, snapshots, options.Value.SnapshotInterval);
    }

    public async Task<IReadOnlyList<FieldError>> PutAsync(ItemMetadata metadata)
    {
        var stored = await StoreAsync(metadata);
        if (stored.Entry is not null) await GrainFactory.CatalogShardOf(ItemId, options.Value.CatalogShards).UpsertAsync([stored.Entry]);
        return stored.Errors;
    }

    public async Task<ItemStored> StoreAsync(ItemMetadata metadata)
    {
        var (info, problems) = ItemValidator.Validate(ItemId, ItemMapping.ToInput(metadata));
        if (info is null) return new ItemStored(problems.Select(p => new FieldError(p.Field, p.Reason)).ToList(), null);
        state.State.Metadata = info;
        await state.WriteStateAsync();
        snapshots.Saved();
        textVectors.Enqueue(ItemId, info); // encoded off the request path; unchanged text is skipped there
        var counters = state.State.Counters;
        var entry = CatalogIndex.EntryFor(ItemId, info) with { Trend = counters.Trend, EventsApplied = counters.EventsApplied, Windows = counters.Windows.Copy() };
        return new ItemStored([], CatalogEntryMessage.From(entry));
    }

    public Task<ItemView?> GetAsync()
    {
        var s = state.State;
        if (s.Metadata is null && s.Counters.EventsApplied == 0) return Task.FromResult<ItemView?>(null);
        var o = options.Value;
        return Task.FromResult<ItemView?>(new ItemView(ItemId, s.Metadata is null ? null : ItemMapping.ToMetadata(s.Metadata),
            ItemMapping.ToStats(s.Counters, o.CtrPriorClicks, o.CtrPriorImpressions)));
    }

    public async Task<ItemApplied> ApplyAsync(IReadOnlyList<LoggedEventMessage> events)
    {
        if (Apply(events.Select(e => new LoggedInteraction(e.Sequence, e.ToInteraction())), replay: false))
            await state.WriteIfDirtyAsync(snapshots);
        var c = state.State.Counters;
        return new ItemApplied(state.State.Metadata is not null, state.State.Metadata?.Tags ?? [], c.Trend.Value, c.Trend.AsOfUnixMs, c.EventsApplied,
            WindowsMessage.From(c.Windows));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.WriteIfDirtyAsync(snapshots);

    private bool Apply(IEnumerable<LoggedInteraction> events, bool replay)
    {
        var applied = 0;
        foreach (var logged in events)
        {
            if (!state.State.Applied.TryMark(logged.Sequence, replay)) continue;
            state.State.Counters.Apply(logged.Event, options.Value.TrendHalfLife);
            applied++;
        }
        return snapshots.Record(applied);
    }
}
