using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ContentGrains.Storage;

/// <summary>
/// Applies the project's SQL schema (deploy/sql/{sqlite,postgresql}/*.sql, embedded in this assembly) in file
/// order. Every script is idempotent, so applying twice changes nothing.
/// </summary>
public static class SchemaInstaller
{
    public static IReadOnlyList<string> Scripts(string dialect)
    {
        var prefix = $"sql/{dialect}/";
        return typeof(SchemaInstaller).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Creates the SQLite file's tables (Orleans storage and the event log) and switches it to WAL.</summary>
    public static void ApplySqlite(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        Apply(connection, "sqlite");
    }

    public static void ApplyPostgres(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        // One installer at a time, so two silos starting together do not race on CREATE statements.
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(74210514)", connection)) lockCommand.ExecuteNonQuery();
        try { Apply(connection, "postgresql"); }
        finally
        {
            using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(74210514)", connection);
            unlock.ExecuteNonQuery();
        }
    }

    private static void Apply(DbConnection connection, string dialect)
    {
        var scripts = Scripts(dialect);
        if (scripts.Count == 0) throw new InvalidOperationException($"no {dialect} schema scripts are embedded");
        foreach (var name in scripts)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            using var command = connection.CreateCommand();
            command.CommandText = reader.ReadToEnd();
            try { command.ExecuteNonQuery(); }
            catch (DbException error) { throw new InvalidOperationException($"schema script {name} failed: {error.Message}", error); }
        }
    }
}
