using ContentGrains.Core.Events;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ContentGrains.Storage.Tests;

/// <summary>
/// A log written before events carried a headline variant (no <c>variant</c> column) still reads after the schema
/// installer has run on it, its old events with no variant, and takes new events with one.
/// </summary>
public sealed class OldEventLogTests
{
    // cg_events as deploy/sql/*/10-contentgrains-events.sql created it before the variant column (commit fc9a245).
    private const string OldSqliteTable = """
        CREATE TABLE cg_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, user_id TEXT NOT NULL,
            item_id TEXT NOT NULL, type INTEGER NOT NULL, ts_ms INTEGER NOT NULL, channel TEXT NOT NULL,
            dwell_seconds REAL NOT NULL, value REAL, text TEXT, received_ms INTEGER NOT NULL);
        CREATE UNIQUE INDEX cg_events_event_id ON cg_events (event_id);
        """;

    private const string OldPostgresTable = """
        CREATE TABLE cg_events (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id varchar(128) NOT NULL,
            user_id varchar(128) NOT NULL, item_id varchar(128) NOT NULL, type smallint NOT NULL, ts_ms bigint NOT NULL,
            channel varchar(128) NOT NULL, dwell_seconds double precision NOT NULL, value double precision, text text,
            received_ms bigint NOT NULL, CONSTRAINT cg_events_event_id UNIQUE (event_id));
        """;

    // 2026-11-01T12:00:00Z, a click (type 3) of u1 on i1 with dwell 4.5 and text "old".
    private const string OldRow = "INSERT INTO cg_events (event_id, user_id, item_id, type, ts_ms, channel, dwell_seconds, value, text, received_ms) " +
        "VALUES ('old-1', 'u1', 'i1', 3, 1793534400000, 'web', 4.5, NULL, 'old', 1793534400000)";

    private static readonly Interaction Expected =
        new("old-1", "u1", "i1", EventType.Click, new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), "web", 4.5, null, "old");

    [Fact]
    public async Task An_sqlite_log_without_the_variant_column_reads_after_the_installer_and_takes_variants()
    {
        using var folder = new Testing.TempDirectory();
        using (var connection = new SqliteConnection(folder.SqliteConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = OldSqliteTable + OldRow;
            command.ExecuteNonQuery();
        }
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString);
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString); // the guarded ALTER must not run twice

        await using (var log = new SqliteEventLog(folder.SqliteConnectionString, new SqliteWriteGate()))
            await AssertReadsOldAndTakesNewAsync(log);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task An_installer_that_meets_another_writer_waits_for_it_and_keeps_its_work()
    {
        // Two silos opening one file at once: both saw the variant column missing, and the second ALTER failed with
        // "duplicate column name". Here the test is the other installer: it holds the write lock, the installer starts,
        // and the test adds the column before letting go. The installer must look only once it holds the lock.
        using var folder = new Testing.TempDirectory();
        SchemaInstaller.ApplySqlite(folder.SqliteConnectionString); // every table, then back to a log without the column
        Execute(folder, "ALTER TABLE cg_events DROP COLUMN variant;" + OldRow);

        using var other = new SqliteConnection(folder.SqliteConnectionString);
        other.Open();
        using (var transaction = other.BeginTransaction(deferred: false))
        {
            var installer = Task.Run(() => SchemaInstaller.ApplySqlite(folder.SqliteConnectionString));
            await Task.Delay(1_500); // the installer is now waiting for the lock (or, before the fix, past its check)
            Assert.False(installer.IsCompleted, "the installer finished while another connection held the write lock");
            using (var command = other.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "ALTER TABLE cg_events ADD COLUMN variant TEXT;";
                command.ExecuteNonQuery();
            }
            transaction.Commit();
            await installer.WaitAsync(TimeSpan.FromSeconds(60));
        }
        other.Close();
        await using (var log = new SqliteEventLog(folder.SqliteConnectionString, new SqliteWriteGate()))
            await AssertReadsOldAndTakesNewAsync(log);
        SqliteConnection.ClearAllPools();
    }

    private static void Execute(Testing.TempDirectory folder, string sql)
    {
        using var connection = new SqliteConnection(folder.SqliteConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_postgres_log_without_the_variant_column_reads_after_the_installer_and_takes_variants()
    {
        await using var database = await Testing.TestPostgres.CreateAsync();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(OldPostgresTable + OldRow, connection);
            await command.ExecuteNonQueryAsync();
        }
        SchemaInstaller.ApplyPostgres(database.ConnectionString);
        SchemaInstaller.ApplyPostgres(database.ConnectionString);

        await using var log = new PostgresEventLog(NpgsqlDataSource.Create(database.ConnectionString));
        await AssertReadsOldAndTakesNewAsync(log);
    }

    private static async Task AssertReadsOldAndTakesNewAsync(GroupCommitLog log)
    {
        var before = await log.ReadAsync(0, 10);
        Assert.Equal(Expected, Assert.Single(before).Event);

        var shown = Expected with { EventId = "new-1", Type = EventType.Impression, Text = null, Variant = "b" };
        Assert.True((await log.AppendAsync([shown]))[0] > before[0].Sequence);
        var after = await log.ReadItemAsync("i1", 0);
        Assert.Equal([null, "b"], after.Select(e => e.Event.Variant));
    }
}
