using ContentGrains.Grains;
using Orleans.Storage;

namespace ContentGrains.Silo.Hosting;

/// <summary>
/// Orleans' ADO.NET grain storage with driver failures turned into <see cref="Abstractions.StorageUnavailableException"/>:
/// a snapshot read fails a grain's activation, and that failure travels to the caller, where an Npgsql exception has
/// no codec (the model cache's trainer call answered CodecNotFoundException during a PostgreSQL outage).
/// </summary>
public sealed class StorageFaultGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(inner.ClearStateAsync(stateName, grainId, grainState));

    private static async Task Guard(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception error) when (error is not Abstractions.StorageUnavailableException && StorageFaults.Translate(error) is { } fault)
        {
            throw fault;
        }
    }
}
