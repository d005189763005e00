using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ContentGrains.Bench.Ingest;

/// <summary>The silo under test, run as its own process (`dotnet ContentGrains.Silo.dll …`), its output kept in a log file.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Queue<string> tail = new();
    private readonly Lock gate = new();

    public Uri BaseAddress { get; }
    public string LogPath { get; }
    public int Pid => process.Id;

    private SiloProcess(Process process, StreamWriter log, string logPath, Uri baseAddress)
    {
        this.process = process;
        this.log = log;
        LogPath = logPath;
        BaseAddress = baseAddress;
    }

    /// <summary>Starts the silo on spare ports. <paramref name="storeArgs"/> names the store (data dir, or profile and connection).</summary>
    public static SiloProcess Start(string siloDll, IEnumerable<string> storeArgs, string workDir, string logPath)
    {
        var (http, silo, gateway) = (FreePort(), FreePort(), FreePort());
        var url = $"http://127.0.0.1:{http}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(siloDll);
        foreach (var a in storeArgs) start.ArgumentList.Add(a);
        foreach (var a in new[] { "--urls", url, "--silo-port", $"{silo}", "--gateway-port", $"{gateway}" }) start.ArgumentList.Add(a);
        // The bench decides the store; settings of the caller's shell must not leak into the silo under test.
        foreach (var key in start.Environment.Keys.ToList())
            if (key.StartsWith("ContentGrains__", StringComparison.OrdinalIgnoreCase) || key == "CONTENTGRAINS_PROFILE" || key == "ASPNETCORE_URLS")
                start.Environment.Remove(key);

        var writer = new StreamWriter(logPath) { AutoFlush = true };
        writer.WriteLine($"# dotnet {string.Join(' ', start.ArgumentList)}");
        var p = new Process { StartInfo = start, EnableRaisingEvents = true };
        var siloProcess = new SiloProcess(p, writer, logPath, new Uri(url + "/"));
        p.OutputDataReceived += (_, e) => siloProcess.Record(e.Data);
        p.ErrorDataReceived += (_, e) => siloProcess.Record(e.Data);
        if (!p.Start()) throw new InvalidOperationException("could not start dotnet");
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        Started.Add(p);
        return siloProcess;
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (gate)
        {
            log.WriteLine(line);
            tail.Enqueue(line);
            while (tail.Count > 40) tail.Dequeue();
        }
    }

    public string Tail()
    {
        lock (gate) return string.Join(Environment.NewLine, tail);
    }

    public bool HasExited => process.HasExited;

    /// <summary>CPU time the silo process has used so far (user + system, all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.HasExited ? TimeSpan.Zero : process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory of the silo process in bytes.</summary>
    public long WorkingSet
    {
        get
        {
            process.Refresh();
            return process.HasExited ? 0 : process.WorkingSet64;
        }
    }

    /// <summary>Polls GET /health/ready until it answers 200.</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        string last = "no answer yet";
        while (watch.Elapsed < timeout)
        {
            cancellation.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new InvalidOperationException($"the silo exited with code {process.ExitCode} before it was ready; last output:{Environment.NewLine}{Tail()}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "health/ready"), cancellation);
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellation)}";
            }
            catch (HttpRequestException e) { last = e.Message; }
            await Task.Delay(200, cancellation);
        }
        throw new TimeoutException($"the silo was not ready after {timeout.TotalSeconds:0} s ({last}); last output:{Environment.NewLine}{Tail()}");
    }

    /// <summary>SIGTERM (graceful: grains deactivate and write their snapshots), then SIGKILL after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited) return;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = SendSignal(process.Id, 15);
        else process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(grace);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(TimeSpan.FromSeconds(30)); } catch (InvalidOperationException) { }
        Started.Remove(process);
        lock (gate) log.Dispose();
        process.Dispose();
    }

    /// <summary>Silos still running, killed if the bench itself is stopped early.</summary>
    private static readonly List<Process> Started = [];

    public static void KillAllStarted()
    {
        foreach (var p in Started.ToList())
            try { if (!p.HasExited) p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
