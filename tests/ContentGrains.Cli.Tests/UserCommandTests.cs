using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests;

/// <summary>`contentgrains user export|delete` against the real engine process with an admin key.</summary>
public sealed class UserCommandTests : IDisposable
{
    private const string Key = "user-command-key";
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Export_writes_the_person_s_json_to_a_file_and_delete_erases_them()
    {
        await using var silo = await SiloProcess.StartSqliteAsync(folder.Path, ApiKeyArgs.Entry(0, "cli-ops", Key, "ingest", "read", "admin"));
        var url = $"http://127.0.0.1:{silo.HttpPort}";
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events"))
        {
            request.Headers.Add("X-Api-Key", Key);
            var at = DateTimeOffset.UtcNow.AddMinutes(-1);
            request.Content = JsonContent.Create(new[]
            {
                new { eventId = "cli-1", userId = "cli-person", itemId = "i1", type = "view", timestamp = at },
                new { eventId = "cli-2", userId = "cli-person", itemId = "i2", type = "like", timestamp = at },
            });
            using var response = await silo.Http.SendAsync(request);
            Assert.Equal(2, (long)(await response.Content.ReadFromJsonAsync<JsonNode>())!["accepted"]!);
        }

        var file = Path.Combine(folder.Path, "cli-person.json");
        var errors = new StringWriter();
        Assert.Equal(0, await UserCommand.RunAsync(["export", "--url", url, "--id", "cli-person", "--api-key", Key, "--out", file], new StringWriter(), errors));
        var export = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.Equal(2, (long)export["eventCount"]!);
        Assert.Equal(["cli-1", "cli-2"], export["events"]!.AsArray().Select(e => (string)e!["eventId"]!));
        Assert.Contains($"to {file}", errors.ToString());

        var output = new StringWriter();
        Assert.Equal(0, await UserCommand.RunAsync(["delete", "--url", url, "--id", "cli-person", "--api-key", Key], output, new StringWriter()));
        Assert.Equal(2, (long)JsonNode.Parse(output.ToString())!["eventsErased"]!);

        var after = new StringWriter();
        Assert.Equal(0, await UserCommand.RunAsync(["export", "--url", url, "--id", "cli-person", "--api-key", Key], after, new StringWriter()));
        Assert.Equal(0, (long)JsonNode.Parse(after.ToString())!["eventCount"]!);

        var refused = new StringWriter();
        Assert.Equal(2, await UserCommand.RunAsync(["delete", "--url", url, "--id", "cli-person"], new StringWriter(), refused)); // no key: 401
        Assert.Contains("401", refused.ToString());
    }

    [Fact]
    public async Task A_missing_id_or_an_unknown_subcommand_is_a_usage_error()
    {
        var errors = new StringWriter();
        Assert.Equal(2, await UserCommand.RunAsync(["delete", "--url", "http://127.0.0.1:1"], new StringWriter(), errors));
        Assert.Contains("--id is required", errors.ToString());
        Assert.Equal(2, await UserCommand.RunAsync(["forget", "--id", "x"], new StringWriter(), errors));
        Assert.Contains("the subcommands are delete and export", errors.ToString());
    }
}
