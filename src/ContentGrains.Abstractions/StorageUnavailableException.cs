namespace ContentGrains.Abstractions;

/// <summary>
/// The store (PostgreSQL or the embedded SQLite file) could not do what a grain asked: unreachable, full, or failing.
/// Storage drivers' own exceptions (Npgsql's, SQLite's) have no Orleans codec and must not cross a grain boundary:
/// they end as CodecNotFoundException at the caller. This one does, carrying the driver's message (not the driver's
/// exception: its inner exceptions would hit the same wall). HTTP answers it with 503 and Retry-After.
/// </summary>
[GenerateSerializer, Alias("cg.StorageUnavailable")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException() : base("the store is unavailable") { }

    public StorageUnavailableException(StorageFaultKind kind, string message) : base(message) => Kind = kind;

    [Id(0)] public StorageFaultKind Kind { get; init; }
}

/// <summary>Why a store failed, as far as the engine can tell: decides the wording of the answer and whether to retry.</summary>
[GenerateSerializer, Alias("cg.StorageFaultKind")]
public enum StorageFaultKind
{
    /// <summary>Connection refused, reset or timed out: the database is down or unreachable.</summary>
    Unreachable,

    /// <summary>The disk (or the database's quota) is full: writes fail until space returns; reads still work.</summary>
    Full,

    /// <summary>Any other error the store reported.</summary>
    Failed,
}
