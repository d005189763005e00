using ContentGrains.Storage;
using Orleans.Storage;

namespace ContentGrains.Silo.Hosting;

/// <summary>Orleans grain storage on SQLite, with writes taken one at a time through the process's <see cref="SqliteWriteGate"/>.</summary>
public sealed class GatedGrainStorage(IGrainStorage inner, SqliteWriteGate gate) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var _ = await gate.EnterAsync(writer: SqliteWriteGateMetrics.SnapshotWriter);
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var _ = await gate.EnterAsync(writer: SqliteWriteGateMetrics.SnapshotWriter);
        await inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
