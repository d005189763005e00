using System.Diagnostics;

namespace ContentGrains.Testing;

/// <summary>Runs a one-shot command of the silo host (e.g. `schema apply`) and collects its output.</summary>
public static class SiloProcessCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepositoryPaths.SiloDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120)); // a command that hangs fails its test
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ContentGrains.Silo {string.Join(' ', args)} did not exit within 120 s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
