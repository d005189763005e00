using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ContentGrains.Storage;

/// <summary>
/// Applies the project's SQL schema (deploy/sql/{sqlite,postgresql}/*.sql, embedded in this assembly) in file
/// order. Every script is idempotent, so applying twice changes nothing. A script that adds a column to an existing
/// table starts with <c>-- when-column-missing: table.column</c> where the dialect cannot say IF NOT EXISTS (SQLite):
/// it runs only while that column is missing.
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
        // One installer at a time, so two silos opening the same file together do not race on a guarded ADD COLUMN
        // (both see it missing, the second fails with "duplicate column name"): an immediate transaction takes the
        // file's write lock first, and SQLite's DDL is transactional, so the second installer sees the first's work.
        using var transaction = connection.BeginTransaction(deferred: false);
        Apply(connection, "sqlite", transaction);
        transaction.Commit();
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

    private static void Apply(DbConnection connection, string dialect, DbTransaction? transaction = null)
    {
        var scripts = Scripts(dialect);
        if (scripts.Count == 0) throw new InvalidOperationException($"no {dialect} schema scripts are embedded");
        foreach (var name in scripts)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var script = reader.ReadToEnd();
            if (ColumnExists(connection, script, transaction)) continue;
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = script;
            try { command.ExecuteNonQuery(); }
            catch (DbException error) { throw new InvalidOperationException($"schema script {name} failed: {error.Message}", error); }
        }
    }

    private const string ColumnGuard = "-- when-column-missing: ";

    /// <summary>True when the script is guarded by a column (see the class summary) and that column exists already.</summary>
    private static bool ColumnExists(DbConnection connection, string script, DbTransaction? transaction)
    {
        if (!script.StartsWith(ColumnGuard, StringComparison.Ordinal)) return false;
        var target = script[ColumnGuard.Length..script.IndexOf('\n')].Trim().Split('.');
        if (target.Length != 2) throw new InvalidOperationException($"'{ColumnGuard.Trim()}' must name table.column, got '{string.Join('.', target)}'");
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // pragma_table_info is SQLite's; the guard is used only in SQLite scripts.
        command.CommandText = "SELECT count(*) FROM pragma_table_info(@table) WHERE name = @column";
        AddParameter(command, "@table", target[0]);
        AddParameter(command, "@column", target[1]);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
