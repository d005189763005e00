using System.Net;
using System.Net.Sockets;
using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>What an operator sees when asking for help or when the host cannot start: one line that says what to change.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Help_prints_the_options_and_starts_nothing()
    {
        var (exit, output) = await SiloProcessCommand.RunAsync(["--help"]);

        Assert.Equal(0, exit);
        Assert.Contains("--gateway-port", output);
        Assert.Contains("ContentGrains__PostgresConnection", output);
        Assert.DoesNotContain("info:", output); // no host started: it would log
    }

    [Fact]
    public async Task A_taken_http_port_ends_in_one_line_that_names_urls()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var dataDir = Directory.CreateTempSubdirectory("cg-startup-").FullName;

        var (exit, output) = await SiloProcessCommand.RunAsync(["--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir,
            "--silo-port", Ports.Free().ToString(), "--gateway-port", Ports.Free().ToString()]);

        Assert.Equal(1, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"port {port}", line);
        Assert.Contains("--urls", line);
        Assert.False(File.Exists(Path.Combine(dataDir, "contentgrains.db")), "nothing may start before the ports are known to be free");
    }

    [Fact]
    public async Task An_unreachable_database_ends_in_one_line()
    {
        var closedPort = Ports.Free(); // nothing listens there
        var (exit, output) = await SiloProcessCommand.RunAsync(["--profile", "postgres",
            "--postgres", $"Host=127.0.0.1;Port={closedPort};Username=nobody;Password=wrong;Timeout=3",
            "--urls", $"http://127.0.0.1:{Ports.Free()}", "--silo-port", Ports.Free().ToString(), "--gateway-port", Ports.Free().ToString()]);

        Assert.Equal(1, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("PostgreSQL cannot be reached", line);
        Assert.Contains("--postgres", line);
    }

    [Fact]
    public async Task A_started_silo_says_in_one_timestamped_line_what_it_uses_and_warns_of_unknown_settings()
    {
        var dataDir = Directory.CreateTempSubdirectory("cg-startup-").FullName;
        // A misspelt setting (SnapshotIntervall) would otherwise be ignored in silence.
        await using var silo = await SiloProcess.StartSqliteAsync(dataDir, "--ContentGrains:Engine:SnapshotIntervall", "00:01:00");

        var banner = await Eventually.Get(
            () => Task.FromResult(silo.Output.Split('\n').FirstOrDefault(l => l.Contains(" ready: store sqlite"))),
            line => line is not null, "the start-up line");

        Assert.Contains(Path.GetFullPath(dataDir), banner);
        Assert.Contains($"http://127.0.0.1:{silo.HttpPort}", banner);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z info: ", banner!);
        var unknown = Assert.Single(silo.Output.Split('\n'), l => l.Contains("Unknown setting"));
        Assert.Contains("warn: ", unknown);
        Assert.Contains("ContentGrains:Engine:SnapshotIntervall", unknown);
    }
}
