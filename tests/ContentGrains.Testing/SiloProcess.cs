using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ContentGrains.Testing;

/// <summary>
/// The real silo host started as a separate process (`dotnet ContentGrains.Silo.dll …`) on spare ports,
/// so tests exercise exactly what a user runs, including kill -9.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int ReadySeconds = 180;
    private readonly Process process;
    private readonly StringBuilder output = new();
    public int HttpPort { get; }
    /// <summary>The Orleans gateway port the silo was given (--gateway-port), for an Orleans client; 0 when none was given.</summary>
    public int GatewayPort { get; }
    public HttpClient Http { get; }
    /// <summary>
    /// The arguments it was started with (HTTP port aside). <c>StartAsync(killed.Arguments)</c> starts the same cluster
    /// member again: on its silo port, Orleans declares the killed generation dead at once, where a member on a new port
    /// waits for the killed one's missed probes (over a minute on a loaded machine) before its grains move.
    /// </summary>
    public string[] Arguments { get; }

    private SiloProcess(Process process, int httpPort, int gatewayPort, string[] arguments)
    {
        this.process = process;
        Arguments = arguments;
        HttpPort = httpPort;
        GatewayPort = gatewayPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Output { get { lock (output) return output.ToString(); } }
    public bool HasExited => process.HasExited;

    /// <summary>Embedded default on <paramref name="dataDir"/>.</summary>
    public static Task<SiloProcess> StartSqliteAsync(string dataDir, params string[] extra) =>
        StartAsync(["--data-dir", dataDir, "--silo-port", Ports.Free().ToString(), "--gateway-port", Ports.Free().ToString(), .. extra]);

    /// <summary>A cluster member on PostgreSQL; <paramref name="clusterId"/> keeps concurrent tests apart.</summary>
    public static Task<SiloProcess> StartPostgresAsync(string connection, string siloName, params string[] extra) =>
        StartAsync(["--profile", "postgres", "--postgres", connection, "--silo-name", siloName, "--advertised-ip", "127.0.0.1",
            "--silo-port", Ports.Free().ToString(), "--gateway-port", Ports.Free().ToString(), .. extra]);

    /// <remarks>
    /// A port that was free when chosen can be taken before the silo binds it (by any outgoing connection, which draws
    /// from the same ephemeral range). A start that fails on "address already in use" is retried on fresh ports.
    /// </remarks>
    public static async Task<SiloProcess> StartAsync(string[] args)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await StartOnceAsync(attempt == 1 ? args : WithFreshPorts(args)); }
            catch (InvalidOperationException error) when (attempt < 3 && error.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)) { }
        }
    }

    private static string[] WithFreshPorts(string[] args) =>
        args.Select((a, i) => i > 0 && args[i - 1] is "--silo-port" or "--gateway-port" ? Ports.Free().ToString() : a).ToArray();

    private static async Task<SiloProcess> StartOnceAsync(string[] args)
    {
        // A test that chooses the bind itself (a public address, to test the open-bind policy) passes --urls.
        var given = Array.IndexOf(args, "--urls");
        var port = given >= 0 ? new Uri(args[given + 1]).Port : Ports.Free();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepositoryPaths.SiloDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        if (given < 0)
        {
            info.ArgumentList.Add("--urls");
            info.ArgumentList.Add($"http://127.0.0.1:{port}");
        }
        info.Environment["DOTNET_gcServer"] = "0";
        var gateway = Array.IndexOf(args, "--gateway-port");
        var silo = new SiloProcess(Process.Start(info)!, port, gateway >= 0 ? int.Parse(args[gateway + 1], System.Globalization.CultureInfo.InvariantCulture) : 0, args);
        silo.process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        silo.process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        silo.process.BeginOutputReadLine();
        silo.process.BeginErrorReadLine();
        try { await silo.WaitReadyAsync(); }
        catch
        {
            await silo.DisposeAsync(); // a silo that never became ready must not outlive the test
            throw;
        }
        return silo;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    /// <summary>
    /// Part of the line the silo logs once its HTTP server is bound (<c>StartupBanner</c>, on ApplicationStarted). A
    /// process that lost its port to another test's silo never logs it, while that silo would answer the health probe on
    /// the port: a test then talked to the wrong engine (CI, session 18: PrivacyApiTests' first PUT answered 401 with
    /// another silo's keys). So the probe counts only after this process has said it is serving.
    /// </summary>
    private const string BoundLine = " ready: store ";

    private async Task WaitReadyAsync()
    {
        // Generous: on the shared build machine (load averages near 100 on 2 cores) a PostgreSQL silo took over 60 s.
        var deadline = DateTime.UtcNow.AddSeconds(ReadySeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"silo exited with {process.ExitCode}:\n{Output}");
            if (!Output.Contains(BoundLine, StringComparison.Ordinal))
            {
                await Task.Delay(200);
                continue;
            }
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"silo not ready in {ReadySeconds} s:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as after a crash or kill -9.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the host shuts down gracefully (grains deactivate and write snapshots).</summary>
    public async Task StopAsync()
    {
        if (process.HasExited) return;
        _ = SendSignal(process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try { await StopAsync(); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        }
        Http.Dispose();
        process.Dispose();
    }
}
