using ContentGrains.Abstractions;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>The catalog index of the cluster (key 0). Metadata changes are written at once; popularity on the snapshot schedule.</summary>
public sealed class CatalogGrain(
    [PersistentState("catalog", ContentGrainsNames.SnapshotStorage)] IPersistentState<CatalogIndex> state,
    IEventLog log,
    IOptions<EngineOptions> options) : Grain, ICatalogGrain
{
    private const int ReplayPage = 10_000;
    private readonly SnapshotSchedule snapshots = new(options.Value.SnapshotEveryEvents);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Popularity reports after the last snapshot may be lost to a crash: rebuild them from the log.
        IReadOnlyList<LoggedInteraction> page;
        do
        {
            page = await log.ReadAsync(state.State.LogPosition, ReplayPage, cancellationToken);
            foreach (var logged in page) state.State.Replay(logged.Sequence, logged.Event, options.Value.TrendHalfLife);
            snapshots.Record(page.Count);
        } while (page.Count == ReplayPage);
        this.StartSnapshotTimer(state, snapshots, options.Value.SnapshotInterval);
    }

    public async Task UpsertAsync(IReadOnlyList<CatalogEntryMessage> entries)
    {
        foreach (var entry in entries) state.State.Upsert(entry.ToEntry());
        await state.WriteStateAsync();
        snapshots.Saved();
    }

    public Task ReportPopularityAsync(IReadOnlyList<PopularityMessage> reports, long logPosition)
    {
        foreach (var report in reports) state.State.Report(report.ToReport());
        state.State.LogPosition = Math.Max(state.State.LogPosition, logPosition);
        // Popularity is derived data: after a crash, activation rebuilds what the last snapshot missed from the log.
        // So it is saved on the timer only; writing the whole catalog per ingest batch would stall ingestion.
        snapshots.Record(reports.Count);
        return Task.CompletedTask;
    }

    public Task<CatalogContents?> GetIfChangedAsync(long knownVersion) =>
        Task.FromResult(knownVersion == state.State.Version
            ? null
            : new CatalogContents(state.State.Version, state.State.Entries.Values.Select(CatalogEntryMessage.From).ToList()));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.WriteIfDirtyAsync(snapshots);
}
