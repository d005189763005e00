using Npgsql;

namespace ContentGrains.Bench.Ingest;

/// <summary>A fresh database on the given server for one run, dropped afterwards.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string adminConnection;
    private readonly bool keep;

    public string Name { get; }
    public string ConnectionString { get; }
    /// <summary>Server version and the settings that decide what "durable" means there.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    private PostgresDatabase(string adminConnection, string name, string connectionString, bool keep)
    {
        this.adminConnection = adminConnection;
        Name = name;
        ConnectionString = connectionString;
        this.keep = keep;
    }

    /// <summary>Connects with <paramref name="serverConnection"/> (its database, or "postgres" when it names none) and creates a new database.</summary>
    public static async Task<PostgresDatabase> CreateAsync(string serverConnection, bool keep, CancellationToken cancellation)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnection);
        if (string.IsNullOrEmpty(admin.Database)) admin.Database = "postgres";
        admin.Pooling = false;
        var name = $"cg_bench_{DateTime.UtcNow:yyyyMMdd_HHmmss}_{Random.Shared.Next(0x1000, 0xFFFF):x4}";
        var target = new NpgsqlConnectionStringBuilder(serverConnection) { Database = name };

        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellation);
            await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
                await create.ExecuteNonQueryAsync(cancellation);
            var database = new PostgresDatabase(admin.ConnectionString, name, target.ConnectionString, keep);
            foreach (var setting in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "max_connections" })
            {
                await using var show = new NpgsqlCommand($"SHOW {setting}", connection);
                database.Settings[setting] = (string?)await show.ExecuteScalarAsync(cancellation) ?? "";
            }
            return database;
        }
    }

    public async Task<long> CountEventsAsync(CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellation);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM cg_events", connection);
        return (long)(await count.ExecuteScalarAsync(cancellation))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (keep) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
