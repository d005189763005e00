using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// A test class with an engine of its own for each test: the real silo process on SQLite in a temporary folder, started
/// with <paramref name="arguments"/> before the test (then <see cref="SeedAsync"/>) and stopped after it.
/// IAsyncLifetime, not IAsyncDisposable: xUnit 2 never disposed the class, and each run left its silo processes running.
/// </summary>
public abstract class SqliteSiloTests(params string[] arguments) : IAsyncLifetime
{
    private readonly TempDirectory data = new();

    protected SiloProcess Silo { get; private set; } = null!;

    protected HttpClient Http => Silo.Http;

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartSqliteAsync(data.Path, arguments);
        await SeedAsync();
    }

    /// <summary>What the class stores in the engine before each test; nothing by default.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (Silo is not null) await Silo.DisposeAsync();
        data.Dispose();
    }
}
