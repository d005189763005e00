using ContentGrains.Abstractions;
using ContentGrains.Core.Variants;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// The posteriors of every item under a headline test (one grain, key 0), so feeds need not ask item grains: item grains
/// publish their copy when it changes, silos pull the whole table when its version moved (<see cref="VariantCache"/>).
/// Item grains stay the source of truth; this is a copy. Tests run on a handful of items at a time, so the table is small.
/// New, removed and decided tests are written at once; count changes on the snapshot timer (a lost count is replaced by
/// the item's next publication).
/// </summary>
public sealed class VariantBoardGrain(
    [PersistentState("variant-board", ContentGrainsNames.SnapshotStorage)] IPersistentState<VariantBoardState> state,
    IOptions<EngineOptions> options) : Grain, IVariantBoardGrain
{
    private readonly SnapshotSchedule snapshots = new(int.MaxValue);
    private long version = 1;
    private readonly long epoch = DateTimeOffset.UtcNow.Ticks; // a new activation is a new table for the silos

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.StartSnapshotTimer(state, snapshots, options.Value.SnapshotInterval);
        return Task.CompletedTask;
    }

    public async Task PublishAsync(VariantPosteriorsMessage? message, string itemId)
    {
        var items = state.State.Items;
        var before = items.GetValueOrDefault(itemId);
        var posteriors = message?.ToPosteriors();
        if (posteriors is null && !items.Remove(itemId)) return;
        if (posteriors is not null) items[itemId] = posteriors;
        version++;
        snapshots.Record(1);
        var structural = posteriors is null || before is null || before.Served != posteriors.Served || before.Variants.Count != posteriors.Variants.Count;
        if (structural) await state.WriteIfDirtyAsync(snapshots);
    }

    public Task<VariantBoardChanges?> GetChangesAsync(long knownEpoch, long knownVersion) =>
        Task.FromResult(knownEpoch == epoch && knownVersion == version
            ? null
            : new VariantBoardChanges(epoch, version, state.State.Items.Values.Select(VariantPosteriorsMessage.From).ToList()));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.WriteIfDirtyAsync(snapshots);
}
