using Npgsql;

namespace ContentGrains.Testing;

/// <summary>
/// A fresh PostgreSQL database per test, on the server named by CONTENTGRAINS_TEST_PG (a connection string
/// without a database). The test command (./test.sh) starts a throwaway server and sets it.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    public const string EnvironmentVariable = "CONTENTGRAINS_TEST_PG";
    private readonly string server;
    public string DatabaseName { get; } = "cg_test_" + Guid.NewGuid().ToString("N")[..12];
    public string ConnectionString { get; }

    private TestPostgres(string server)
    {
        this.server = server;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName }.ConnectionString;
    }

    public static async Task<TestPostgres> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException(
                $"PostgreSQL tests need {EnvironmentVariable} (e.g. Host=127.0.0.1;Port=55432;Username=postgres). Run ./test.sh, which starts a throwaway server.");
        var db = new TestPostgres(server);
        await db.ExecuteOnServerAsync($"CREATE DATABASE {db.DatabaseName}");
        return db;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)");
    }
}
