namespace ContentGrains.Core.Live;

/// <summary>One published model version as the registry lists it.</summary>
public sealed record ModelVersion(string Name, long Version, string Kind, DateTimeOffset TrainedAt, long EventsRead, int Users, int Items, int Positives, double TrainSeconds, long Bytes);

/// <summary>
/// Model artifacts: versioned blobs in the same store as the event log, so every silo of a cluster loads the very
/// bytes the trainer wrote. A version is written once and never changed.
/// </summary>
public interface IModelStore
{
    /// <summary>Stores a new version; storing an existing (name, version) is an error.</summary>
    Task SaveAsync(ModelVersion version, byte[] artifact, CancellationToken cancellation = default);

    Task<byte[]?> LoadAsync(string name, long version, CancellationToken cancellation = default);

    /// <summary>The versions of <paramref name="name"/>, newest first.</summary>
    Task<IReadOnlyList<ModelVersion>> ListAsync(string name, CancellationToken cancellation = default);
}
