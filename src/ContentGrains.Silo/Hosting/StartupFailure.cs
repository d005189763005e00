using System.Net.Sockets;
using Npgsql;

namespace ContentGrains.Silo.Hosting;

/// <summary>
/// Turns the start-up failures an operator causes (a taken port, a wrong database password, an unreachable database)
/// into one line that says what to change. Anything else is left to surface whole, stack trace and all: it is a bug.
/// </summary>
public static class StartupFailure
{
    /// <summary>
    /// Opens one connection to the cluster's database before anything starts, so a wrong password or an unreachable
    /// server ends in one line instead of a silo torn down half-started.
    /// </summary>
    public static string? CheckDatabase(ContentGrainsHostOptions options)
    {
        if (!options.IsPostgres) return null;
        try
        {
            // Unpooled: the check must not leave an idle connection outside the pools ContentGrains:PostgresMaxConnections bounds.
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.EnginePostgresConnection) { Pooling = false }.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            return Explain(error) ?? $"cannot start: PostgreSQL: {error.Message}";
        }
    }

    public static string? Explain(Exception error)
    {
        foreach (var e in Chain(error))
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || IsAddressInUse(e))
                return $"cannot start: address already in use ({e.Message.TrimEnd('.')}). Choose free ports with --urls http://127.0.0.1:PORT (the HTTP API), --silo-port and --gateway-port.";
            if (e is PostgresException { SqlState: "28P01" or "28000" } login)
                return $"cannot start: PostgreSQL refused the login ({login.MessageText}). Check the user and password in the connection string (--postgres, or the environment variable ContentGrains__PostgresConnection).";
            if (e is PostgresException { SqlState: "3D000" } database)
                return $"cannot start: {database.MessageText}. Create it (README, \"A cluster on PostgreSQL\") or name another in --postgres.";
            if (e is NpgsqlException { InnerException: SocketException socket })
                return $"cannot start: PostgreSQL cannot be reached ({socket.Message}). Check the host and port in --postgres, and that the server runs.";
        }
        return null;
    }

    private static bool IsAddressInUse(Exception e) =>
        e is IOException && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<Exception> Chain(Exception error)
    {
        var pending = new Stack<Exception>([error]);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate) foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } inner) pending.Push(inner);
        }
    }
}
