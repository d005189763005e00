using System.Data.Common;
using ContentGrains.Core.Privacy;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ContentGrains.Storage;

/// <summary>
/// Consent (cg_consent) and the privacy audit (cg_privacy_audit) on SQLite (embedded store) or PostgreSQL (cluster
/// store). Both dialects take the same statements; only the connection and, on SQLite, the shared write gate differ.
/// </summary>
public sealed class SqlPrivacyStore : IConsentStore, IPrivacyAudit
{
    private readonly Func<CancellationToken, Task<DbConnection>> open;
    private readonly SqliteWriteGate? gate;

    private SqlPrivacyStore(Func<CancellationToken, Task<DbConnection>> open, SqliteWriteGate? gate) => (this.open, this.gate) = (open, gate);

    public static SqlPrivacyStore Sqlite(string connectionString, SqliteWriteGate gate) => new(async cancellation =>
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        return connection;
    }, gate);

    public static SqlPrivacyStore Postgres(NpgsqlDataSource dataSource) =>
        new(async cancellation => await dataSource.OpenConnectionAsync(cancellation).ConfigureAwait(false), null);

    public async Task<Consent?> GetAsync(string userId, CancellationToken cancellation = default)
    {
        await using var connection = await open(cancellation).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT personalisation, tracking, updated_ms FROM cg_consent WHERE user_id = @user", ("@user", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellation).ConfigureAwait(false)) return null;
        return ReadConsent(reader, 0);
    }

    /// <summary>A cg_consent row's personalisation, tracking and updated_ms, starting at column <paramref name="first"/>.</summary>
    internal static Consent ReadConsent(DbDataReader reader, int first) =>
        new(reader.GetBoolean(first), reader.GetBoolean(first + 1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(first + 2)));

    public Task PutAsync(string userId, Consent consent, CancellationToken cancellation = default) => WriteAsync(
        "INSERT INTO cg_consent (user_id, personalisation, tracking, updated_ms) VALUES (@user, @personalisation, @tracking, @updated) " +
        "ON CONFLICT (user_id) DO UPDATE SET personalisation = excluded.personalisation, tracking = excluded.tracking, updated_ms = excluded.updated_ms",
        cancellation, ("@user", userId), ("@personalisation", consent.Personalisation), ("@tracking", consent.Tracking),
        ("@updated", (consent.UpdatedAt ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds()));

    public async Task<bool> DeleteAsync(string userId, CancellationToken cancellation = default) =>
        await WriteAsync("DELETE FROM cg_consent WHERE user_id = @user", cancellation, ("@user", userId)).ConfigureAwait(false) > 0;

    public Task AppendAsync(PrivacyAuditEntry entry, CancellationToken cancellation = default) => WriteAsync(
        "INSERT INTO cg_privacy_audit (at_ms, action, person_sha256, key_name, detail, tenant) VALUES (@at, @action, @person, @key, @detail, @tenant)",
        cancellation, ("@at", entry.At.ToUnixTimeMilliseconds()), ("@action", entry.Action), ("@person", entry.PersonSha256),
        ("@key", entry.KeyName), ("@detail", entry.Detail), ("@tenant", entry.Tenant));

    /// <remarks>By the index (tenant, id) of deploy/sql/*/18-contentgrains-audit-tenant.sql: the tenant's newest rows only.</remarks>
    public async Task<IReadOnlyList<PrivacyAuditEntry>> ReadLatestAsync(int limit, string tenant = Core.Tenants.TenantKeys.Default, CancellationToken cancellation = default)
    {
        await using var connection = await open(cancellation).ConfigureAwait(false);
        await using var command = Command(connection,
            "SELECT action, person_sha256, key_name, at_ms, detail FROM cg_privacy_audit WHERE tenant = @tenant ORDER BY id DESC LIMIT @limit",
            ("@tenant", tenant), ("@limit", limit));
        var entries = new List<PrivacyAuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            entries.Add(new PrivacyAuditEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4), tenant));
        return entries;
    }

    private async Task<int> WriteAsync(string sql, CancellationToken cancellation, params (string Name, object Value)[] parameters)
    {
        using var _ = gate is null ? null : await gate.EnterAsync(cancellation).ConfigureAwait(false);
        await using var connection = await open(cancellation).ConfigureAwait(false);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
