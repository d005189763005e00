using System.Globalization;
using ContentGrains.Storage;
using Orleans.Storage;

namespace ContentGrains.Silo.Hosting;

/// <summary>
/// The embedded store's grain storage: snapshots in cg_snapshots through <see cref="SqliteSnapshotStore"/>, whose one
/// writer commits many grains' snapshots per transaction, serialized by the silo's grain storage serializer (the one
/// Orleans' ADO.NET provider used, so the payloads are the same bytes). A data folder written before this table
/// existed keeps its snapshots in Orleans' OrleansStorage: while that table has rows, a grain not found here is read
/// from there (<paramref name="legacy"/>), its next write lands here, and an erasure deletes both rows.
/// The ETag is the row's version; a write whose ETag is not the stored version fails as Orleans' providers do
/// (<see cref="InconsistentStateException"/>).
/// </summary>
public sealed class SqliteGrainStorage(SqliteSnapshotStore store, IGrainStorageSerializer serializer, IGrainStorage legacy, bool legacyRows)
    : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (await store.ReadAsync(grainId.ToString(), stateName) is { } stored)
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(stored.Payload));
            (grainState.ETag, grainState.RecordExists) = (Tag(stored.Version), true);
            return;
        }
        if (!legacyRows) return;
        await legacy.ReadStateAsync(stateName, grainId, grainState);
        grainState.ETag = null; // a legacy row's version means nothing here: the next write inserts this table's first version
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = grainState.ETag is null ? (long?)null : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var payload = serializer.Serialize(grainState.State).ToArray();
        var version = await store.WriteAsync(new SqliteSnapshotStore.Write(grainId.ToString(), stateName, payload, expected))
            ?? throw new InconsistentStateException($"the snapshot of {grainId} ({stateName}) was written by another activation since it was read",
                "(stored version unknown)", grainState.ETag ?? "(none)");
        (grainState.ETag, grainState.RecordExists) = (Tag(version), true);
    }

    /// <summary>Deletes the row (DeleteStateOnClear, as the ADO.NET provider was set up): an erased person leaves no row keyed by their id.</summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await store.DeleteAsync(grainId.ToString(), stateName);
        if (legacyRows) await ClearLegacyAsync<T>(stateName, grainId);
        (grainState.ETag, grainState.RecordExists) = (null, false);
    }

    private async Task ClearLegacyAsync<T>(string stateName, GrainId grainId)
    {
        var old = new GrainState<T>();
        await legacy.ReadStateAsync(stateName, grainId, old);
        if (old.RecordExists) await legacy.ClearStateAsync(stateName, grainId, old);
    }

    private static string Tag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
