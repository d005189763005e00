using System.Data.Common;
using ContentGrains.Core.Live;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ContentGrains.Storage;

/// <summary>
/// The model registry's artifacts in table cg_models, on SQLite (embedded store) or PostgreSQL (cluster store).
/// Both dialects take the same statements; only the connection and, on SQLite, the shared write gate differ.
/// </summary>
public sealed class SqlModelStore : IModelStore
{
    private readonly Func<CancellationToken, Task<DbConnection>> open;
    private readonly SqliteWriteGate? gate;

    private SqlModelStore(Func<CancellationToken, Task<DbConnection>> open, SqliteWriteGate? gate)
    {
        this.open = open;
        this.gate = gate;
    }

    public static SqlModelStore Sqlite(string connectionString, SqliteWriteGate gate) => new(async cancellation =>
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        return connection;
    }, gate);

    public static SqlModelStore Postgres(NpgsqlDataSource dataSource) =>
        new(async cancellation => await dataSource.OpenConnectionAsync(cancellation).ConfigureAwait(false), null);

    public async Task SaveAsync(ModelVersion version, byte[] artifact, CancellationToken cancellation = default)
    {
        using var _ = gate is null ? null : await gate.EnterAsync(cancellation).ConfigureAwait(false);
        await using var connection = await open(cancellation).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = ModelRows.Insert;
        ModelRows.Bind(command, version, artifact);
        try { await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false); }
        catch (DbException error) when (IsDuplicate(error))
        {
            throw new InvalidOperationException($"model {version.Name} version {version.Version} is already stored", error);
        }
    }

    public async Task<byte[]?> LoadAsync(string name, long version, CancellationToken cancellation = default)
    {
        await using var connection = await open(cancellation).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT artifact FROM cg_models WHERE name = @name AND version = @version";
        AddKey(command, name, version);
        return await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false) as byte[];
    }

    public async Task<IReadOnlyList<ModelVersion>> ListAsync(string name, CancellationToken cancellation = default)
    {
        await using var connection = await open(cancellation).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ModelRows.Columns} FROM cg_models WHERE name = @name ORDER BY version DESC";
        AddKey(command, name, null);
        return await ModelRows.ReadAllAsync(command, cancellation).ConfigureAwait(false);
    }

    private static void AddKey(DbCommand command, string name, long? version)
    {
        var p = command.CreateParameter();
        p.ParameterName = "@name";
        p.Value = name;
        command.Parameters.Add(p);
        if (version is null) return;
        var v = command.CreateParameter();
        v.ParameterName = "@version";
        v.Value = version.Value;
        command.Parameters.Add(v);
    }

    private static bool IsDuplicate(DbException error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || error is SqliteException { SqliteErrorCode: 19 };
}
