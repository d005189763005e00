using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ContentGrains.Bench.Ingest;

/// <summary>
/// Optional: `dotnet-trace collect` attached to the silo for the measured phase (sampled thread stacks, ~100 Hz),
/// stopped with SIGINT. Read the result with `dotnet-trace report FILE topN`, or open it in PerfView/speedscope.
/// </summary>
public sealed class SiloTrace : IAsyncDisposable
{
    private readonly Process process;
    private readonly string file;
    private readonly Task<string> output;

    private SiloTrace(Process process, string file)
    {
        this.process = process;
        this.file = file;
        output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync()).ContinueWith(t => string.Concat(t.Result));
    }

    public static async Task<SiloTrace> StartAsync(int pid, string file, CancellationToken cancellation)
    {
        var tool = new[] { Environment.GetEnvironmentVariable("PATH") ?? "", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools") }
            .SelectMany(p => p.Split(':', StringSplitOptions.RemoveEmptyEntries))
            .Select(dir => Path.Combine(dir, "dotnet-trace")).FirstOrDefault(File.Exists)
            ?? throw new BenchFailure("--trace needs dotnet-trace: dotnet tool install -g dotnet-trace");
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in new[] { "collect", "-p", $"{pid}", "--profile", "dotnet-sampled-thread-time", "-o", file }) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new BenchFailure("could not start dotnet-trace");
        await Task.Delay(TimeSpan.FromSeconds(2), cancellation); // let the session attach before the clock starts
        if (process.HasExited) throw new BenchFailure($"dotnet-trace exited: {await process.StandardError.ReadToEndAsync(cancellation)}");
        return new SiloTrace(process, file);
    }

    public async Task<string> StopAsync()
    {
        if (!process.HasExited) _ = Kill(process.Id, 2);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(); }
        _ = await output;
        return File.Exists(file) ? $"{file} ({new FileInfo(file).Length / 1e6:0.0} MB); read with: dotnet-trace report {file} topN" : $"no trace written ({await output})";
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await StopAsync();
        process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
