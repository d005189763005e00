using System.Data.Common;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
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

    /// <summary>Stores the artifact and its registry entry in one transaction; the checksum is computed here from the bytes stored.</summary>
    public async Task SaveAsync(ModelVersion version, byte[] artifact, CancellationToken cancellation = default)
    {
        using var _ = gate is null ? null : await gate.EnterAsync(cancellation).ConfigureAwait(false);
        await using var connection = await open(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, transaction, ModelRows.Insert, c => ModelRows.Bind(c, version, artifact), cancellation).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, ModelRows.InsertRegistry, c => ModelRows.BindRegistry(c, version, ArtifactChecksum.Of(artifact)), cancellation)
                .ConfigureAwait(false);
            await transaction.CommitAsync(cancellation).ConfigureAwait(false);
        }
        catch (DbException error) when (IsDuplicate(error))
        {
            throw new InvalidOperationException($"model {version.Name} version {version.Version} is already stored", error);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, Action<DbCommand> bind, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
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
        command.CommandText = $"{ModelRows.Select} WHERE m.name = @name ORDER BY m.version DESC";
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
