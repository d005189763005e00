using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Abstractions;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One shard of the catalog (key: shard number, <see cref="CatalogSharding.ShardOf"/>): the entries of its items only.
/// Metadata changes are written at once (one shard's state, not the whole catalog); popularity on the snapshot
/// schedule. Silos pull the entries changed since the version they hold (<see cref="CatalogChangeLog"/>).
/// </summary>
public sealed class CatalogShardGrain(
    [PersistentState("catalog-shard", ContentGrainsNames.SnapshotStorage)] IPersistentState<CatalogIndex> state,
    IEventLog log,
    IOptions<EngineOptions> options) : Grain, ICatalogShardGrain
{
    private const int ReplayPage = 10_000;
    private readonly SnapshotSchedule snapshots = new(options.Value.SnapshotEveryEvents);
    // Versions restart from the last snapshot after a crash, so a silo's version means something only within one
    // activation: the epoch tells activations apart, and a silo that knew another one resyncs the whole shard.
    private readonly long epoch = Random.Shared.NextInt64(1, long.MaxValue);
    private CatalogChangeLog changes = null!;

    private int Shard => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Popularity reports after the last snapshot may be lost to a crash: rebuild this shard's from the log.
        var shards = options.Value.CatalogShards;
        IReadOnlyList<LoggedInteraction> page;
        do
        {
            page = await log.ReadAsync(state.State.LogPosition, ReplayPage, cancellationToken);
            foreach (var logged in page)
                if (CatalogSharding.ShardOf(logged.Event.ItemId, shards) == Shard)
                    state.State.Replay(logged.Sequence, logged.Event, options.Value.TrendHalfLife);
                else
                    state.State.LogPosition = Math.Max(state.State.LogPosition, logged.Sequence);
            snapshots.Record(page.Count);
        } while (page.Count == ReplayPage);
        changes = new CatalogChangeLog(options.Value.CatalogChangeLog, state.State.Version);
        this.StartSnapshotTimer(state, snapshots, options.Value.SnapshotInterval);
    }

    public async Task UpsertAsync(IReadOnlyList<CatalogEntryMessage> entries)
    {
        foreach (var entry in entries)
        {
            state.State.Upsert(entry.ToEntry());
            changes.Record(state.State.Version, entry.ItemId);
        }
        await state.WriteStateAsync();
        snapshots.Saved();
    }

    public Task ReportPopularityAsync(IReadOnlyList<PopularityMessage> reports, long logPosition)
    {
        foreach (var report in reports)
        {
            var before = state.State.Version;
            state.State.Report(report.ToReport());
            if (state.State.Version != before) changes.Record(state.State.Version, report.ItemId);
        }
        state.State.LogPosition = Math.Max(state.State.LogPosition, logPosition);
        // Popularity is derived data: after a crash, activation rebuilds what the last snapshot missed from the log.
        // So it is saved on the timer only; writing the shard per ingest batch would stall ingestion.
        snapshots.Record(reports.Count);
        return Task.CompletedTask;
    }

    public Task<CatalogChanges?> GetChangesAsync(long knownEpoch, long knownVersion)
    {
        var index = state.State;
        if (knownEpoch == epoch && knownVersion == index.Version) return Task.FromResult<CatalogChanges?>(null);
        var changed = knownEpoch == epoch ? changes.Since(knownVersion) : null;
        var entries = changed is null
            ? index.Entries.Values.Select(CatalogEntryMessage.From).ToList()
            : changed.Select(id => index.Entries.GetValueOrDefault(id)).OfType<CatalogEntry>().Select(CatalogEntryMessage.From).ToList();
        return Task.FromResult<CatalogChanges?>(new CatalogChanges(epoch, index.Version, changed is null, entries));
    }

    public Task<CatalogShardStatus> GetStatusAsync() =>
        Task.FromResult(new CatalogShardStatus(Shard, epoch, state.State.Version, state.State.Entries.Count, changes.ReachesBack));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.WriteIfDirtyAsync(snapshots);
}
