using Microsoft.Data.Sqlite;

namespace ContentGrains.Storage;

/// <summary>The one connection a SQLite writer (the event log, the snapshot store) keeps open for its commits.</summary>
internal static class SqliteWriteConnection
{
    /// <param name="fullSync">synchronous=FULL (an accepted write survives power loss) or NORMAL.</param>
    /// <param name="pragmas">More pragmas for this writer, e.g. its page cache.</param>
    public static SqliteConnection Open(string connectionString, bool fullSync, string pragmas = "")
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA synchronous={(fullSync ? "FULL" : "NORMAL")}; {pragmas}";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
