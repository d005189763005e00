using System.Diagnostics;
using Npgsql;

namespace ContentGrains.Testing;

/// <summary>
/// A PostgreSQL server of the test's own (initdb into a temp folder, pg_ctl on a spare port), which the test may stop
/// and start again to play an outage, unlike the shared server of <see cref="TestPostgres"/>. Same binaries as
/// ./test.sh (Debian's package; run as the postgres user when the tests run as root), but durable settings: it is
/// stopped like a crash, and ./test.sh's fsync=off and synchronous_commit=off would lose commits already acknowledged.
/// </summary>
public sealed class OwnPostgresServer : IAsyncDisposable
{
    private readonly string bin;
    private readonly string data;
    public int Port { get; }

    /// <summary>The connection string of database <c>contentgrains</c> on this server.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=contentgrains;Timeout=5;Command Timeout=15";

    private OwnPostgresServer(string bin, string data, int port) => (this.bin, this.data, Port) = (bin, data, port);

    public static async Task<OwnPostgresServer> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(Directory.Exists).OrderBy(v => v).LastOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException("PostgreSQL binaries not found under /usr/lib/postgresql: install Debian's postgresql package (./test.sh does)");
        var data = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "contentgrains-own-pg", Guid.NewGuid().ToString("N"))).FullName;
        await RunAsync("chown", ["postgres:postgres", data], optional: true);
        var server = new OwnPostgresServer(bin, data, Ports.Free());
        await server.AsPostgresAsync($"{bin}/initdb -D {data} -U postgres -A trust --no-sync -E UTF8");
        await server.StartAgainAsync();
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={server.Port};Username=postgres;Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE contentgrains", connection);
        await create.ExecuteNonQueryAsync();
        return server;
    }

    /// <summary>Stops the server at once (pg_ctl -m immediate: open connections are cut, as when it crashes).</summary>
    public Task StopAsync() => AsPostgresAsync($"{bin}/pg_ctl -D {data} -m immediate -w stop");

    /// <summary>Starts the stopped server on the same port, with the data it had; returns once it accepts connections.</summary>
    public Task StartAgainAsync() => AsPostgresAsync(
        $"{bin}/pg_ctl -D {data} -l {data}/server.log -w -t 60 -o \"-p {Port} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=200\" start");

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private Task AsPostgresAsync(string command) =>
        Environment.UserName == "root" ? RunAsync("su", ["postgres", "-s", "/bin/bash", "-c", command]) : RunAsync("bash", ["-c", command]);

    private static async Task RunAsync(string file, string[] args, bool optional = false)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0 && !optional)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await output}{await errors}");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await StopAsync(); } catch (InvalidOperationException) { } // already stopped
        try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
