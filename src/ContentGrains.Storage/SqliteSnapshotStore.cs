using ContentGrains.Core.Batching;
using Microsoft.Data.Sqlite;

namespace ContentGrains.Storage;

/// <summary>
/// Grain snapshots in the embedded SQLite file (cg_snapshots), written in groups: writes from concurrent grains queue
/// up, and one writer commits everything waiting in a single transaction through the file's write gate, as the event
/// log's group commit does for events. One fsync and one turn at the gate serve hundreds of snapshots, where a write
/// per transaction (Orleans' ADO.NET provider) held the gate once per grain and kept the log's appends waiting behind
/// it. Each write still answers on its own: its new version, or null when its expected version was not the stored one.
/// </summary>
public sealed class SqliteSnapshotStore : IAsyncDisposable
{
    /// <summary>A stored snapshot: the serialized state and its version (the ETag).</summary>
    public sealed record Stored(byte[] Payload, long Version);

    /// <summary>One grain's snapshot to store; <paramref name="ExpectedVersion"/> null means "never written" (an insert).</summary>
    public sealed record Write(string GrainId, string StateName, byte[] Payload, long? ExpectedVersion);

    private readonly string connectionString;
    private readonly SqliteWriteGate gate;
    private readonly SqliteConnection writeConnection;
    private readonly SqliteCommand update;
    private readonly SqliteCommand insert;
    private readonly CoalescingQueue<Write, long?> queue;

    /// <param name="fullSync">synchronous=FULL as the event log's (<see cref="SqliteEventLog"/>); one fsync per group either way.</param>
    /// <param name="maxPerCommit">The most snapshots one transaction takes (bounds how long one turn holds the gate).</param>
    public SqliteSnapshotStore(string connectionString, SqliteWriteGate gate, bool fullSync = true, int maxPerCommit = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerCommit, 1);
        this.connectionString = connectionString;
        this.gate = gate;
        writeConnection = SqliteWriteConnection.Open(connectionString, fullSync);
        update = Prepare("UPDATE cg_snapshots SET payload = $payload, version = version + 1, written_ms = $now " +
                         "WHERE grain_id = $grain AND state_name = $state AND version = $expected");
        insert = Prepare("INSERT INTO cg_snapshots (grain_id, state_name, payload, version, written_ms) " +
                         "VALUES ($grain, $state, $payload, 1, $now) ON CONFLICT DO NOTHING");
        queue = new(CommitGroupAsync, _ => 1, maxPerCommit);
    }

    /// <summary>
    /// Whether Orleans' OrleansStorage table holds snapshots (a data folder written before cg_snapshots): only then
    /// does a grain missing here cost a second read there. Asked once, at start: nothing writes that table since.
    /// </summary>
    public static bool LegacyRowsExist(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM OrleansStorage)";
        return (long)command.ExecuteScalar()! == 1;
    }

    /// <summary>Stores a snapshot with the next group; its new version, or null when the stored version was not the expected one.</summary>
    public Task<long?> WriteAsync(Write write) => queue.EnqueueAsync(write);

    public async Task<Stored?> ReadAsync(string grainId, string stateName, CancellationToken cancellation = default)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload, version FROM cg_snapshots WHERE grain_id = $grain AND state_name = $state";
        command.Parameters.AddWithValue("$grain", grainId);
        command.Parameters.AddWithValue("$state", stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        return await reader.ReadAsync(cancellation).ConfigureAwait(false) ? new Stored((byte[])reader[0], reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// Deletes a grain's snapshot (an erased person: the row goes, not just its payload), through the gate, with
    /// secure_delete so the freed pages do not keep it; true when there was one.
    /// </summary>
    public async Task<bool> DeleteAsync(string grainId, string stateName, CancellationToken cancellation = default)
    {
        using var _ = await gate.EnterAsync(cancellation, SqliteWriteGateMetrics.SnapshotWriter).ConfigureAwait(false);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON; DELETE FROM cg_snapshots WHERE grain_id = $grain AND state_name = $state";
        command.Parameters.AddWithValue("$grain", grainId);
        command.Parameters.AddWithValue("$state", stateName);
        return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false) > 0;
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = writeConnection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "$grain", "$state", "$payload", "$now", "$expected" })
            if (sql.Contains(name, StringComparison.Ordinal)) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private async Task<IReadOnlyList<long?>> CommitGroupAsync(IReadOnlyList<Write> group)
    {
        using var _ = await gate.EnterAsync(writer: SqliteWriteGateMetrics.SnapshotWriter).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var versions = new long?[group.Count];
        using var transaction = writeConnection.BeginTransaction(deferred: false);
        for (var i = 0; i < group.Count; i++) versions[i] = Store(group[i], transaction, now);
        transaction.Commit();
        return versions;
    }

    /// <summary>An update of the expected version, or an insert of version 1; null when neither matched a row.</summary>
    private long? Store(Write write, SqliteTransaction transaction, long now)
    {
        var command = write.ExpectedVersion is null ? insert : update;
        command.Transaction = transaction;
        command.Parameters["$grain"].Value = write.GrainId;
        command.Parameters["$state"].Value = write.StateName;
        command.Parameters["$payload"].Value = write.Payload;
        command.Parameters["$now"].Value = now;
        if (write.ExpectedVersion is { } expected) command.Parameters["$expected"].Value = expected;
        return command.ExecuteNonQuery() == 1 ? (write.ExpectedVersion ?? 0) + 1 : null;
    }

    public async ValueTask DisposeAsync()
    {
        await queue.DisposeAsync().ConfigureAwait(false);
        update.Dispose();
        insert.Dispose();
        await writeConnection.DisposeAsync().ConfigureAwait(false);
    }
}
