namespace ContentGrains.Testing;

/// <summary>
/// The engine's PostgreSQL schema applied by the documented command (`ContentGrains.Silo schema apply --profile
/// postgres`), as an operator sets up a cluster's database, so cluster tests also check that command.
/// </summary>
public static class PostgresSchema
{
    public static async Task ApplyAsync(string connectionString)
    {
        var apply = await SiloProcessCommand.RunAsync(["schema", "apply", "--profile", "postgres", "--postgres", connectionString]);
        if (apply.ExitCode != 0) throw new InvalidOperationException($"schema apply exited with {apply.ExitCode}: {apply.Output}");
    }

    /// <summary>A throwaway database of the test server (<see cref="TestPostgres"/>) with the schema applied.</summary>
    public static async Task<TestPostgres> CreateDatabaseAsync()
    {
        var database = await TestPostgres.CreateAsync();
        try { await ApplyAsync(database.ConnectionString); }
        catch { await database.DisposeAsync(); throw; }
        return database;
    }
}
