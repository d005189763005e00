using System.Data.Common;
using System.Text;
using ContentGrains.Core.Vectors;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ContentGrains.Storage;

/// <summary>
/// Item text vectors in table cg_item_text_vectors (f16 bytes, see <see cref="HalfVectorCodec"/>), on SQLite or
/// PostgreSQL; both dialects take the same statements. Lookups by id go in chunks so a statement never carries more
/// than <see cref="IdsPerStatement"/> parameters.
/// </summary>
public sealed class SqlItemVectorStore : IItemVectorStore
{
    private const int IdsPerStatement = 500;
    private const string Columns = "item_id, text_hash, vector";
    private readonly Func<CancellationToken, Task<DbConnection>> open;
    private readonly SqliteWriteGate? gate;
    private readonly TimeProvider clock;

    private SqlItemVectorStore(Func<CancellationToken, Task<DbConnection>> open, SqliteWriteGate? gate, TimeProvider? clock)
    {
        this.open = open;
        this.gate = gate;
        this.clock = clock ?? TimeProvider.System;
    }

    public static SqlItemVectorStore Sqlite(string connectionString, SqliteWriteGate gate) => new(async cancellation =>
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        return connection;
    }, gate, null);

    public static SqlItemVectorStore Postgres(NpgsqlDataSource dataSource) =>
        new(async cancellation => await dataSource.OpenConnectionAsync(cancellation).ConfigureAwait(false), null, null);

    public async Task<IReadOnlyDictionary<string, long>> GetTextHashesAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellation = default)
    {
        var hashes = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await open(cancellation).ConfigureAwait(false);
        foreach (var chunk in itemIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT item_id, text_hash FROM cg_item_text_vectors WHERE item_id IN ({IdList(command, chunk)})";
            await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
                hashes[reader.GetString(0)] = reader.GetInt64(1);
        }
        return hashes;
    }

    public async Task UpsertAsync(IReadOnlyList<ItemTextVector> vectors, CancellationToken cancellation = default)
    {
        if (vectors.Count == 0) return;
        foreach (var v in vectors) Check(v);
        using var _ = gate is null ? null : await gate.EnterAsync(cancellation).ConfigureAwait(false);
        await using var connection = await open(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO cg_item_text_vectors (item_id, text_hash, dimensions, vector, updated_ms) VALUES (@id, @hash, @dimensions, @vector, @updated) " +
            "ON CONFLICT (item_id) DO UPDATE SET text_hash = excluded.text_hash, dimensions = excluded.dimensions, vector = excluded.vector, updated_ms = excluded.updated_ms";
        var updated = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var v in vectors)
        {
            command.Parameters.Clear();
            Add(command, "@id", v.ItemId);
            Add(command, "@hash", v.TextHash);
            Add(command, "@dimensions", v.Vector.Length);
            Add(command, "@vector", HalfVectorCodec.Encode(v.Vector));
            Add(command, "@updated", updated);
            await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellation = default)
    {
        if (itemIds.Count == 0) return;
        using var _ = gate is null ? null : await gate.EnterAsync(cancellation).ConfigureAwait(false);
        await using var connection = await open(cancellation).ConfigureAwait(false);
        foreach (var chunk in itemIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM cg_item_text_vectors WHERE item_id IN ({IdList(command, chunk)})";
            await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
    }

    public async Task<ItemTextVector?> GetAsync(string itemId, CancellationToken cancellation = default)
    {
        await using var connection = await open(cancellation).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM cg_item_text_vectors WHERE item_id = @id";
        Add(command, "@id", itemId);
        var rows = await ReadAsync(command, cancellation).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<ItemTextVector>> ReadPageAsync(string? afterItemId, int limit, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await open(cancellation).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = afterItemId is null
            ? $"SELECT {Columns} FROM cg_item_text_vectors ORDER BY item_id LIMIT @limit"
            : $"SELECT {Columns} FROM cg_item_text_vectors WHERE item_id > @after ORDER BY item_id LIMIT @limit";
        if (afterItemId is not null) Add(command, "@after", afterItemId);
        Add(command, "@limit", limit);
        return await ReadAsync(command, cancellation).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(CancellationToken cancellation = default)
    {
        await using var connection = await open(cancellation).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM cg_item_text_vectors";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false));
    }

    private static void Check(ItemTextVector v)
    {
        if (string.IsNullOrEmpty(v.ItemId)) throw new ArgumentException("itemId must not be empty", nameof(v));
        if (v.Vector.Length == 0) throw new ArgumentException($"item {v.ItemId}: vector must not be empty", nameof(v));
    }

    private static async Task<IReadOnlyList<ItemTextVector>> ReadAsync(DbCommand command, CancellationToken cancellation)
    {
        var rows = new List<ItemTextVector>();
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            rows.Add(new ItemTextVector(reader.GetString(0), reader.GetInt64(1), HalfVectorCodec.Decode((byte[])reader.GetValue(2))));
        return rows;
    }

    /// <summary>Binds the ids as @id0, @id1, … and returns that list for an IN clause.</summary>
    private static string IdList(DbCommand command, IReadOnlyList<string> ids)
    {
        var list = new StringBuilder();
        for (var i = 0; i < ids.Count; i++)
        {
            Add(command, $"@id{i}", ids[i]);
            list.Append(i == 0 ? "" : ", ").Append("@id").Append(i);
        }
        return list.ToString();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
