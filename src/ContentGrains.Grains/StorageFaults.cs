using System.Data.Common;
using System.Net.Sockets;
using ContentGrains.Abstractions;

namespace ContentGrains.Grains;

/// <summary>
/// Recognises a storage driver's failure anywhere in an exception's chain (Npgsql and SQLite both throw
/// <see cref="DbException"/>s; a full disk can also surface as an <see cref="IOException"/>) and turns it into the one
/// exception that may cross a grain boundary, <see cref="StorageUnavailableException"/>.
/// </summary>
public static class StorageFaults
{
    private const int NoSpaceLeft = 28; // ENOSPC

    /// <summary>The exception to throw instead of <paramref name="error"/>, or null when it is not a storage failure.</summary>
    public static StorageUnavailableException? Translate(Exception error)
    {
        if (Find<StorageUnavailableException>(error) is { } already) return already;
        if (Find<DbException>(error) is { } db) return new StorageUnavailableException(KindOf(db), $"the store failed: {db.Message}");
        if (Find<IOException>(error) is { } io && IsDiskFull(io))
            return new StorageUnavailableException(StorageFaultKind.Full, $"the store's disk is full: {io.Message}");
        return null;
    }

    private static StorageFaultKind KindOf(DbException error)
    {
        if (IsDiskFull(error)) return StorageFaultKind.Full;
        // Npgsql: no connection (refused, reset, timed out) or the server shutting down (SQLSTATE class 57P, 08).
        if (Find<SocketException>(error) is not null || Find<TimeoutException>(error) is not null || Find<EndOfStreamException>(error) is not null
            || error.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal)))
            return StorageFaultKind.Unreachable;
        return error.IsTransient ? StorageFaultKind.Unreachable : StorageFaultKind.Failed;
    }

    private static bool IsDiskFull(Exception error) =>
        (error.HResult & 0xFFFF) == NoSpaceLeft && error is IOException
        || error.Message.Contains("disk is full", StringComparison.OrdinalIgnoreCase)       // SQLITE_FULL
        || error.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)
        || error is DbException { SqlState: "53100" };                                       // PostgreSQL disk_full

    private static T? Find<T>(Exception? error) where T : Exception
    {
        for (var depth = 0; error is not null && depth < 16; depth++, error = error.InnerException)
        {
            if (error is T found) return found;
            if (error is AggregateException { InnerExceptions.Count: > 0 } many && many.InnerExceptions.Select(Find<T>).FirstOrDefault(e => e is not null) is { } inner)
                return inner;
        }
        return null;
    }
}
