using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests;

/// <summary>`contentgrains train` against the real engine process: start and wait for a job, and the usage and reachability errors.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Train_with_wait_follows_the_job_to_a_published_version()
    {
        await using var silo = await SiloProcess.StartSqliteAsync(folder.Path);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var events = new[] { ("a", "x"), ("a", "y"), ("b", "x"), ("b", "y"), ("c", "x") }
            .Select((e, n) => new { eventId = $"e{n}", userId = e.Item1, itemId = e.Item2, type = "like", timestamp = now, channel = "web" });
        Assert.True((await silo.Http.PostAsJsonAsync("/v1/events", events)).IsSuccessStatusCode);

        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await TrainCommand.RunAsync(["--url", silo.Http.BaseAddress!.ToString(), "--kind", "itemknn", "--wait"], output, errors,
            pollEvery: TimeSpan.FromMilliseconds(100));

        Assert.True(exit == 0, errors.ToString());
        var job = JsonNode.Parse(output.ToString())!;
        Assert.Equal(("succeeded", "itemknn", 1L, "http"), ((string)job["status"]!, (string)job["kind"]!, (long)job["version"]!, (string)job["trigger"]!));
        var registry = JsonNode.Parse(await silo.Http.GetStringAsync("/v1/models"))!;
        Assert.Equal(1, (long)registry["champion"]!);
    }

    [Fact]
    public async Task Train_click_with_wait_follows_the_click_registrys_job_to_its_end()
    {
        await using var silo = await SiloProcess.StartSqliteAsync(folder.Path);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var events = new[] { ("a", "x", "impression"), ("a", "x", "click"), ("a", "y", "impression"), ("b", "y", "impression"), ("b", "x", "click") }
            .Select((e, n) => new { eventId = $"e{n}", userId = e.Item1, itemId = e.Item2, type = e.Item3, timestamp = now, channel = "web" });
        Assert.True((await silo.Http.PostAsJsonAsync("/v1/events", events)).IsSuccessStatusCode);

        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await TrainCommand.RunAsync(["--url", silo.Http.BaseAddress!.ToString(), "--kind", "click", "--wait"], output, errors,
            pollEvery: TimeSpan.FromMilliseconds(100));

        // Followed at the click registry's address (it answered 404 at the feed registry's, exit 3, before): the job's
        // final state is printed, whatever the gate made of five events.
        Assert.True(exit is 0 or 1, $"exit {exit}: {errors}");
        var job = JsonNode.Parse(output.ToString())!;
        Assert.False((bool)job["isActive"]!);
        Assert.Equal("click", (string)job["kind"]!);
        Assert.Contains((string)job["status"]!, new[] { "succeeded", "rejected", "failed" });
    }

    [Fact]
    public async Task Usage_errors_and_an_unreachable_engine_have_their_exit_codes()
    {
        var errors = new StringWriter();
        Assert.Equal(2, await TrainCommand.RunAsync(["--kind", "ease"], TextWriter.Null, errors));
        Assert.Contains("--url", errors.ToString());
        Assert.Equal(2, await TrainCommand.RunAsync(["--url", "http://127.0.0.1:1", "--bogus"], TextWriter.Null, TextWriter.Null));
        var unreachable = new StringWriter();
        Assert.Equal(3, await TrainCommand.RunAsync(["--url", $"http://127.0.0.1:{Ports.Free()}"], TextWriter.Null, unreachable));
        Assert.Contains("cannot reach the engine", unreachable.ToString());
    }
}
