using ContentGrains.Core.Registry;

namespace ContentGrains.Core.Live;

/// <summary>
/// One stored model version as the registry lists it: what it was trained on (<see cref="Window"/>), how it did on
/// held-out events (<see cref="Metrics"/>), where it trained (<see cref="Device"/>: cpu or cuda), the SHA-256 and size
/// of its artifact, and the gate's verdict (<see cref="Status"/>, with the <see cref="Reason"/>). Versions stored before
/// the registry had these carry the defaults.
/// </summary>
public sealed record ModelVersion(
    string Name, long Version, string Kind, DateTimeOffset TrainedAt, long EventsRead, int Users, int Items, int Positives, double TrainSeconds, long Bytes,
    LogWindow? Window = null,
    VersionMetrics? Metrics = null,
    string Device = "cpu",
    string? Sha256 = null,
    string Status = VersionStatus.Accepted,
    string? Reason = null);

/// <summary>
/// Model artifacts: versioned blobs in the same store as the event log, so every silo of a cluster loads the very
/// bytes the trainer wrote. A version is written once and never changed.
/// </summary>
public interface IModelStore
{
    /// <summary>Stores a new version with its registry entry; storing an existing (name, version) is an error.</summary>
    Task SaveAsync(ModelVersion version, byte[] artifact, CancellationToken cancellation = default);

    Task<byte[]?> LoadAsync(string name, long version, CancellationToken cancellation = default);

    /// <summary>The versions of <paramref name="name"/>, newest first.</summary>
    Task<IReadOnlyList<ModelVersion>> ListAsync(string name, CancellationToken cancellation = default);
}
