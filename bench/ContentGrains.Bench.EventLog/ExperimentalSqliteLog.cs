using System.Text;
using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Storage;
using Microsoft.Data.Sqlite;

namespace ContentGrains.Bench.EventLog;

/// <summary>
/// An experiment, not the product: SqliteEventLog's commit with knobs, to measure what would make the embedded
/// log faster — a larger page cache on the write connection, and several rows per INSERT statement.
/// Reads are not implemented (the bench only appends).
/// </summary>
public sealed class ExperimentalSqliteLog : GroupCommitLog
{
    private readonly SqliteConnection connection;
    private readonly int rowsPerStatement;
    private readonly Dictionary<int, SqliteCommand> commands = [];

    public ExperimentalSqliteLog(string connectionString, bool fullSync, int cacheMb, int rowsPerStatement)
    {
        this.rowsPerStatement = rowsPerStatement;
        connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA synchronous={(fullSync ? "FULL" : "NORMAL")};" + (cacheMb > 0 ? $"PRAGMA cache_size=-{cacheMb * 1024};" : "");
            pragma.ExecuteNonQuery();
        }
        StartWriter();
    }

    private SqliteCommand CommandFor(int rows)
    {
        if (commands.TryGetValue(rows, out var command)) return command;
        var sql = new StringBuilder("INSERT INTO cg_events (event_id, user_id, item_id, type, ts_ms, channel, dwell_seconds, value, text, received_ms) VALUES ");
        command = connection.CreateCommand();
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) sql.Append(',');
            sql.Append('(');
            for (var c = 0; c < 10; c++)
            {
                if (c > 0) sql.Append(',');
                var name = $"$p{r}_{c}";
                sql.Append(name);
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
            sql.Append(')');
        }
        sql.Append(" ON CONFLICT (event_id) DO NOTHING RETURNING event_id, seq");
        command.CommandText = sql.ToString();
        command.Prepare();
        return commands[rows] = command;
    }

    protected override Task<long[]> CommitAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation)
    {
        var received = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var stored = new Dictionary<string, long>(events.Count, StringComparer.Ordinal);
        using var transaction = connection.BeginTransaction(deferred: false);
        for (var start = 0; start < events.Count; start += rowsPerStatement)
        {
            var rows = Math.Min(rowsPerStatement, events.Count - start);
            var command = CommandFor(rows);
            command.Transaction = transaction;
            var p = command.Parameters;
            for (var r = 0; r < rows; r++)
            {
                var e = events[start + r];
                var b = r * 10;
                p[b].Value = e.EventId;
                p[b + 1].Value = e.UserId;
                p[b + 2].Value = e.ItemId;
                p[b + 3].Value = (int)e.Type;
                p[b + 4].Value = e.Timestamp.ToUnixTimeMilliseconds();
                p[b + 5].Value = e.Channel;
                p[b + 6].Value = e.DwellSeconds;
                p[b + 7].Value = (object?)e.Value ?? DBNull.Value;
                p[b + 8].Value = (object?)e.Text ?? DBNull.Value;
                p[b + 9].Value = received;
            }
            using var reader = command.ExecuteReader();
            while (reader.Read()) stored[reader.GetString(0)] = reader.GetInt64(1);
        }
        transaction.Commit();
        return Task.FromResult(events.Select(e => stored.GetValueOrDefault(e.EventId)).ToArray());
    }

    public override Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default) => throw new NotSupportedException();
    public override Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default) => throw new NotSupportedException();
    public override Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default) => throw new NotSupportedException();
    public override Task<long> CountAsync(CancellationToken cancellation = default) => throw new NotSupportedException();
    public override Task<IReadOnlyList<LoggedInteraction>> ReadRecentAsync(IReadOnlyList<string> eventIds, DateTimeOffset receivedSince, CancellationToken cancellation = default) => throw new NotSupportedException();
    public override Task<IReadOnlyList<LoggedInteraction>> ReadTenantAsync(string tenant, long afterSequence, int limit, CancellationToken cancellation = default) => throw new NotSupportedException();
    public override Task<long> CountTenantAsync(string tenant, long afterSequence, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var c in commands.Values) c.Dispose();
        connection.Dispose();
    }
}
