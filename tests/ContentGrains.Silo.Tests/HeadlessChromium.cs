using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// Debian's chromium, headless, as a test reads a page: the DOM after load with the console's uncaught errors (Chromium
/// logs them to stderr as "CONSOLE" lines with --enable-logging=stderr), and a screenshot. ./test.sh installs the
/// package when it is missing; without it the test fails and says so.
/// </summary>
public static partial class HeadlessChromium
{
    public sealed record PageLoad(string Dom, IReadOnlyList<string> ScriptErrors);

    public static string Executable =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("headless Chromium is not installed: apt-get install chromium (./test.sh installs it when missing)");

    public static async Task<PageLoad> LoadAsync(string url)
    {
        var (stdout, stderr) = await RunAsync(["--enable-logging=stderr", "--v=0", "--dump-dom", url]);
        var errors = ConsoleLine().Matches(stderr).Select(m => m.Groups[1].Value).Where(m => m.Contains("Uncaught", StringComparison.Ordinal) || m.Contains("Error", StringComparison.Ordinal)).ToList();
        return new PageLoad(stdout, errors);
    }

    public static async Task ScreenshotAsync(string url, string path, int width = 1280, int height = 3600)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path)) File.Delete(path);
        await RunAsync([$"--screenshot={path}", $"--window-size={width},{height}", "--hide-scrollbars", url]);
        if (!File.Exists(path)) throw new InvalidOperationException($"chromium wrote no screenshot to {path}");
    }

    private static async Task<(string Stdout, string Stderr)> RunAsync(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A throwaway profile per run: concurrent test runs must not share one.
        var profile = Directory.CreateTempSubdirectory("cg-chromium-");
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile.FullName}" }.Concat(args))
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException("chromium did not finish within 90 s"); }
        finally { try { profile.Delete(recursive: true); } catch (IOException) { } }
        return (await stdout, await stderr);
    }

    [GeneratedRegex(@"CONSOLE[^\]]*\] ""(.*)"", source:")]
    private static partial Regex ConsoleLine();
}
