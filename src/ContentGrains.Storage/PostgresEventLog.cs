using ContentGrains.Core.Events;
using ContentGrains.Core.Log;
using ContentGrains.Core.Privacy;
using Npgsql;
using NpgsqlTypes;

namespace ContentGrains.Storage;

/// <summary>
/// The cluster's event log in PostgreSQL. Each silo group-commits its appends as one multi-row insert;
/// the unique event id makes a duplicate sent to two silos count once. The same statement refuses the events of
/// persons who withdrew consent to tracking (cg_consent).
/// </summary>
public sealed class PostgresEventLog : GroupCommitLog, IEventErasure
{
    private readonly NpgsqlDataSource dataSource;
    private bool timeIndexed;

    public PostgresEventLog(NpgsqlDataSource dataSource)
    {
        this.dataSource = dataSource;
        StartWriter();
    }

    protected override async Task<long[]> CommitAsync(IReadOnlyList<Interaction> events, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "WITH refused AS (SELECT user_id FROM cg_consent WHERE NOT tracking AND user_id = ANY(@users)), " +
            "inserted AS (INSERT INTO cg_events (event_id, user_id, item_id, type, ts_ms, channel, dwell_seconds, value, text, variant, received_ms) " +
            "SELECT u.*, @received FROM unnest(@ids, @users, @items, @types, @ts, @channels, @dwell, @values, @texts, @variants) " +
            "AS u(event_id, user_id, item_id, type, ts_ms, channel, dwell_seconds, value, text, variant) " +
            "WHERE NOT EXISTS (SELECT 1 FROM refused r WHERE r.user_id = u.user_id) " +
            "ON CONFLICT (event_id) DO NOTHING RETURNING event_id, seq) " +
            "SELECT event_id, seq, false FROM inserted UNION ALL SELECT user_id, 0, true FROM refused";
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string[]>("ids", events.Select(e => e.EventId).ToArray()));
        p.Add(new NpgsqlParameter<string[]>("users", events.Select(e => e.UserId).ToArray()));
        p.Add(new NpgsqlParameter<string[]>("items", events.Select(e => e.ItemId).ToArray()));
        p.Add(new NpgsqlParameter<short[]>("types", events.Select(e => (short)e.Type).ToArray()));
        p.Add(new NpgsqlParameter<long[]>("ts", events.Select(e => e.Timestamp.ToUnixTimeMilliseconds()).ToArray()));
        p.Add(new NpgsqlParameter<string[]>("channels", events.Select(e => e.Channel).ToArray()));
        p.Add(new NpgsqlParameter<double[]>("dwell", events.Select(e => e.DwellSeconds).ToArray()));
        p.Add(new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = events.Select(e => (object?)e.Value ?? DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter("texts", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => (object?)e.Text ?? DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter("variants", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => (object?)e.Variant ?? DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter<long>("received", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

        var stored = new Dictionary<string, long>(events.Count, StringComparer.Ordinal);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false))
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
                if (reader.GetBoolean(2)) refused.Add(reader.GetString(0));
                else stored[reader.GetString(0)] = reader.GetInt64(1);
        return events.Select(e => refused.Contains(e.UserId) ? IEventLog.Refused : stored.GetValueOrDefault(e.EventId)).ToArray();
    }

    public Task<IReadOnlyList<LoggedInteraction>> ReadUserPageAsync(string userId, long afterSequence, int limit, CancellationToken cancellation = default) =>
        QueryAsync($"SELECT {EventRows.Columns} FROM cg_events WHERE user_id = @key AND seq > @after ORDER BY seq LIMIT @limit", userId, afterSequence, limit, cancellation);

    public async Task<long> EraseUserAsync(string userId, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM cg_events WHERE user_id = @key");
        command.Parameters.Add(new NpgsqlParameter<string>("key", userId));
        return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    /// <remarks>
    /// The event-time index is built on the first expiry (CONCURRENTLY: ingestion goes on meanwhile), so an install
    /// without retention pays nothing for it on ingest.
    /// </remarks>
    public async Task<int> ExpireBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellation = default)
    {
        if (!timeIndexed)
        {
            await using var index = dataSource.CreateCommand("CREATE INDEX CONCURRENTLY IF NOT EXISTS cg_events_ts ON cg_events (ts_ms)");
            index.CommandTimeout = 0; // a large log takes a while to index; nothing waits on it but this run
            await index.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
            timeIndexed = true;
        }
        await using var command = dataSource.CreateCommand(
            "DELETE FROM cg_events WHERE seq IN (SELECT seq FROM cg_events WHERE ts_ms < @cutoff LIMIT @limit)");
        command.Parameters.Add(new NpgsqlParameter<long>("cutoff", cutoff.ToUnixTimeMilliseconds()));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    public override Task<IReadOnlyList<LoggedInteraction>> ReadUserAsync(string userId, long afterSequence, CancellationToken cancellation = default) =>
        QueryAsync($"SELECT {EventRows.Columns} FROM cg_events WHERE user_id = @key AND seq > @after ORDER BY seq", userId, afterSequence, null, cancellation);

    /// <summary>One command, one round trip (<see cref="UserActivationRows"/>): consent and log tail.</summary>
    public override async Task<UserActivationRead> ReadUserActivationAsync(string userId, long afterSequence, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand(UserActivationRows.Sql);
        command.Parameters.Add(new NpgsqlParameter<string>("key", userId));
        command.Parameters.Add(new NpgsqlParameter<long>("after", afterSequence));
        return await UserActivationRows.ReadAsync(command, cancellation).ConfigureAwait(false);
    }

    public override Task<IReadOnlyList<LoggedInteraction>> ReadItemAsync(string itemId, long afterSequence, CancellationToken cancellation = default) =>
        QueryAsync($"SELECT {EventRows.Columns} FROM cg_events WHERE item_id = @key AND seq > @after ORDER BY seq", itemId, afterSequence, null, cancellation);

    public override Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long afterSequence, int limit, CancellationToken cancellation = default) =>
        QueryAsync($"SELECT {EventRows.Columns} FROM cg_events WHERE seq > @after ORDER BY seq LIMIT @limit", null, afterSequence, limit, cancellation);

    public override async Task<IReadOnlyList<LoggedInteraction>> ReadRecentAsync(IReadOnlyList<string> eventIds, DateTimeOffset receivedSince, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {EventRows.Columns} FROM cg_events WHERE event_id = ANY(@ids) AND received_ms >= @since ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", eventIds.ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long>("since", receivedSince.ToUnixTimeMilliseconds()));
        return await EventRows.ReadAllAsync(command, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// The tenant's rows in sequence order: the scan walks the sequence key from <paramref name="afterSequence"/> and
    /// tests each row's person id (starts_with for a tenant, no '/' for the default tenant), so a training pass reads
    /// the table once and only the tenant's rows cross into the engine.
    /// </summary>
    public override Task<IReadOnlyList<LoggedInteraction>> ReadTenantAsync(string tenant, long afterSequence, int limit, CancellationToken cancellation = default) =>
        QueryAsync($"SELECT {EventRows.Columns} FROM cg_events WHERE seq > @after AND {TenantCondition(tenant)} ORDER BY seq LIMIT @limit",
            TenantRows.Prefix(tenant), afterSequence, limit, cancellation);

    public override async Task<long> CountTenantAsync(string tenant, long afterSequence, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM cg_events WHERE seq > @after AND {TenantCondition(tenant)}");
        if (TenantRows.Prefix(tenant) is { } prefix) command.Parameters.Add(new NpgsqlParameter<string>("key", prefix));
        command.Parameters.Add(new NpgsqlParameter<long>("after", afterSequence));
        return (long)(await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!;
    }

    /// <summary>An exact prefix test (@key, the tenant's "tenant/"); LIKE would read '_' as a wildcard.</summary>
    private static string TenantCondition(string tenant) =>
        TenantRows.Prefix(tenant) is null ? "strpos(user_id, '/') = 0" : "starts_with(user_id, @key)";

    public override async Task<long> CountAsync(CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM cg_events");
        return (long)(await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!;
    }

    private async Task<IReadOnlyList<LoggedInteraction>> QueryAsync(string sql, string? key, long after, int? limit, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (key is not null) command.Parameters.Add(new NpgsqlParameter<string>("key", key));
        command.Parameters.Add(new NpgsqlParameter<long>("after", after));
        if (limit is { } l) command.Parameters.Add(new NpgsqlParameter<int>("limit", l));
        return await EventRows.ReadAllAsync(command, cancellation).ConfigureAwait(false);
    }
}
