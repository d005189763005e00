using ContentGrains.Core.Events;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ContentGrains.Storage;

/// <summary>
/// The event log's insert of one row, prepared once on the writer's connection and bound by position through SQLite's
/// own API. Going through <see cref="SqliteCommand.ExecuteNonQuery"/> per row cost a data reader, a statement
/// enumerator and a look-up of each of the 12 parameters by name (three prefixes tried each) on every event: most of
/// the log's CPU per event. The row, the conflict rule and the errors (a <see cref="SqliteException"/> with SQLite's
/// code, so a full disk is still told apart) are the same.
/// </summary>
internal sealed class SqliteEventInsert : IDisposable
{
    private const string Sql =
        "INSERT INTO cg_events (seq, event_id, user_id, item_id, type, ts_ms, channel, dwell_seconds, value, text, received_ms, variant) " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (event_id) DO NOTHING";

    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;

    public SqliteEventInsert(SqliteConnection connection)
    {
        db = connection.Handle ?? throw new InvalidOperationException("the connection must be open");
        Check(raw.sqlite3_prepare_v2(db, Sql, out statement));
    }

    /// <summary>Inserts the event as <paramref name="sequence"/>; false when the log already holds its event id (nothing written).</summary>
    public bool TryInsert(long sequence, Interaction e, long receivedMs)
    {
        try
        {
            raw.sqlite3_bind_int64(statement, 1, sequence);
            raw.sqlite3_bind_text(statement, 2, e.EventId);
            raw.sqlite3_bind_text(statement, 3, e.UserId);
            raw.sqlite3_bind_text(statement, 4, e.ItemId);
            raw.sqlite3_bind_int(statement, 5, (int)e.Type);
            raw.sqlite3_bind_int64(statement, 6, e.Timestamp.ToUnixTimeMilliseconds());
            raw.sqlite3_bind_text(statement, 7, e.Channel);
            raw.sqlite3_bind_double(statement, 8, e.DwellSeconds);
            BindOptional(9, e.Value);
            BindOptional(10, e.Text);
            raw.sqlite3_bind_int64(statement, 11, receivedMs);
            BindOptional(12, e.Variant);
            var step = raw.sqlite3_step(statement);
            if (step != raw.SQLITE_DONE) Check(step);
            return raw.sqlite3_changes(db) == 1;
        }
        finally
        {
            // Ready for the next row, which binds all twelve values again (a failed step must not leave it busy either).
            raw.sqlite3_reset(statement);
        }
    }

    private void BindOptional(int index, double? value)
    {
        if (value is { } v) raw.sqlite3_bind_double(statement, index, v);
        else raw.sqlite3_bind_null(statement, index);
    }

    private void BindOptional(int index, string? value)
    {
        if (value is null) raw.sqlite3_bind_null(statement, index);
        else raw.sqlite3_bind_text(statement, index, value);
    }

    private void Check(int code)
    {
        if (code != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(code, db);
    }

    public void Dispose() => statement.Dispose();
}
