using System.Diagnostics;
using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// The README's "Using the API" block, pasted whole into bash against a fresh embedded engine, as a newcomer would: every
/// command must be accepted, and the feed must change as the comments say (heuristic first, the trained model after).
/// </summary>
public sealed class ReadmeExampleTests : IAsyncLifetime
{
    private const string ReadmePort = "http://127.0.0.1:5080";
    private SiloProcess silo = null!;

    public async Task InitializeAsync() => silo = await SiloProcess.StartSqliteAsync(Directory.CreateTempSubdirectory("cg-readme-").FullName);

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task The_using_the_api_block_runs_as_pasted_on_a_fresh_engine()
    {
        var block = UsingTheApiBlock().Replace(ReadmePort, $"http://127.0.0.1:{silo.HttpPort}");
        // curl answers 0 on a 4xx; as a function, every command of the block fails the run on one (the body is kept).
        var script = "set -e\ncurl() { command curl -sS --fail-with-body --max-time 60 \"$@\"; echo; }\n" + block;

        var (exit, output) = await RunBashAsync(script, TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, $"the README block failed (exit {exit}):\n{output}");
        var feeds = output.Split('\n').Where(line => line.StartsWith("{\"userId\":\"ann\",\"items\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, feeds.Count);
        Assert.Contains("\"model\":\"heuristic-v1\"", feeds[0]);
        Assert.Contains("\"reason\":\"matches your interest in scifi\"", feeds[0]);
        Assert.StartsWith("{\"userId\":\"ann\",\"items\":[{\"itemId\":\"toy-story\",", feeds[1]); // the kids section: toy-story alone
        Assert.DoesNotContain("alien", feeds[1]);
        Assert.Contains("\"model\":\"default-v1:ease\"", feeds[2]); // after the job the block waits for
        Assert.Contains("\"reason\":\"'teleport' is not one of", output); // the bad event is refused on its own
        Assert.Contains("\"accepted\":2", output);
    }

    private static string UsingTheApiBlock()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var section = readme.IndexOf("## Using the API (curl)", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no \"## Using the API (curl)\" section");
        var start = readme.IndexOf("```bash\n", section, StringComparison.Ordinal) + "```bash\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    private static async Task<(int Exit, string Output)> RunBashAsync(string script, TimeSpan limit)
    {
        var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started");
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try { await bash.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
            throw new TimeoutException($"the README block ran past {limit.TotalMinutes} minutes:\n{await stdout}\n{await stderr}");
        }
        return (bash.ExitCode, await stdout + await stderr);
    }
}
