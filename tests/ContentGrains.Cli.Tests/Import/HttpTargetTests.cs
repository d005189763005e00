using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ContentGrains.Cli.Import;
using ContentGrains.Testing;

namespace ContentGrains.Cli.Tests.Import;

/// <summary>The HTTP target against a scripted handler: what it sends, how answers map back to lines, retries and stops.</summary>
public sealed class HttpTargetTests : IDisposable
{
    private readonly TempDirectory folder = new();
    public void Dispose() => folder.Dispose();

    /// <summary>Answers each request with the next scripted response and records what was sent.</summary>
    private sealed class ScriptedHandler(params Func<HttpRequestMessage, string, HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        public List<(string Path, string? ApiKey, JsonArray Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
        {
            var body = await request.Content!.ReadAsStringAsync(cancel);
            lock (Requests)
            {
                Requests.Add((request.RequestUri!.AbsolutePath, request.Headers.TryGetValues("X-Api-Key", out var k) ? k.Single() : null, JsonNode.Parse(body)!.AsArray()));
                return answers[Math.Min(Requests.Count - 1, answers.Length - 1)](request, body);
            }
        }
    }

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static readonly TimeSpan[] NoPauses = [TimeSpan.Zero, TimeSpan.Zero];

    private static IEnumerable<SourceRow<ImportEvent>> Events(int count) => Enumerable.Range(0, count).Select(i =>
        new SourceRow<ImportEvent>(new SourceLine("e.csv", i + 2), new ImportEvent($"e-{i}", "ann", "alien", "click", DateTimeOffset.UnixEpoch.AddSeconds(i))));

    [Fact]
    public async Task Sends_batches_with_the_API_key_and_maps_each_reject_back_to_its_line()
    {
        // Batch 2 of 3 (events e-3..e-5) has its second event refused: that is e-4, line 6 of the file.
        var handler = new ScriptedHandler(
            (_, _) => Json("""{"accepted":3,"duplicates":0,"rejected":[],"unknownItems":3}"""),
            (_, _) => Json("""{"accepted":1,"duplicates":1,"rejected":[{"index":1,"field":"timestamp","reason":"is more than 5 minutes in the future"}],"unknownItems":1}"""),
            (_, _) => Json("""{"accepted":1,"duplicates":0,"rejected":[],"unknownItems":0}"""));
        await using var target = new HttpImportTarget(new Uri("http://engine:5080"), "key-1", handler);
        var runner = new ImportRunner(target, batchSize: 3, parallel: 1);

        var summary = await runner.RunAsync([], [], Events(7));

        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(("/v1/events", "key-1"), (r.Path, r.ApiKey)));
        Assert.Equal([3, 3, 1], handler.Requests.Select(r => r.Body.Count));
        var first = handler.Requests[0].Body[0]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"eventId":"e-0","userId":"ann","itemId":"alien","type":"click","timestamp":"1970-01-01T00:00:00+00:00"}"""), first),
            first.ToJsonString()); // absent fields are left out, not sent as null
        Assert.Equal((7L, 7L, 5L, 1L, 1L, 4L), (summary.Events.Read, summary.Events.Sent, summary.Events.Accepted, summary.Events.Duplicates, summary.Events.Rejected, summary.Events.UnknownItems));
        var group = Assert.Single(summary.Rejects.Groups);
        Assert.Equal(("timestamp", 1L, "e.csv:6"), (group.Field, group.Count, group.Examples.Single().ToString()));
    }

    [Fact]
    public async Task Retries_a_busy_engine_and_sends_users_nowhere()
    {
        var handler = new ScriptedHandler(
            (_, _) => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            (_, _) => Json("""{"stored":1,"rejected":[]}"""),
            (_, _) => Json("""{"accepted":2,"duplicates":0,"rejected":[],"unknownItems":0}"""));
        await using var target = new HttpImportTarget(new Uri("http://engine:5080"), null, handler, NoPauses);
        var runner = new ImportRunner(target, 5_000, 4);
        SourceRow<ImportUser>[] users = [new(new SourceLine("u.user", 1), new ImportUser("1", []))];

        var summary = await runner.RunAsync([new(new SourceLine("i.csv", 2), new ImportItem("alien", "Alien"))], users, Events(2));

        Assert.Equal(["/v1/items", "/v1/items", "/v1/events"], handler.Requests.Select(r => r.Path));
        Assert.Null(handler.Requests[0].ApiKey);
        Assert.Equal((1L, 2L), (summary.Items.Accepted, summary.Events.Accepted));
        Assert.Equal((1L, 0L), (summary.Users.Read, summary.Users.Sent));
        Assert.Contains("1 users read but not sent: the engine keeps no user side information", summary.Notes.Single());
    }

    [Fact]
    public async Task An_overloaded_engine_that_names_its_Retry_After_is_waited_for_beyond_the_retries_for_failures()
    {
        static HttpResponseMessage Overloaded() => new(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new(TimeSpan.Zero) } };
        var handler = new ScriptedHandler(
            (_, _) => Overloaded(), (_, _) => Overloaded(), (_, _) => Overloaded(), (_, _) => Overloaded(), (_, _) => Overloaded(),
            (_, _) => Json("""{"accepted":3,"duplicates":0,"rejected":[],"unknownItems":0}"""));
        await using var target = new HttpImportTarget(new Uri("http://engine:5080"), null, handler, NoPauses); // two retries for failures

        var summary = await new ImportRunner(target, 5_000, 1).RunAsync([], [], Events(3));

        Assert.Equal(6, handler.Requests.Count); // five pushed back, then taken
        Assert.Equal(3L, summary.Events.Accepted);
    }

    [Fact]
    public async Task A_refused_key_stops_the_import_with_exit_3()
    {
        var file = Path.Combine(folder.Path, "e.jsonl");
        File.WriteAllText(file, """{"eventId":"e-1","userId":"ann","itemId":"alien","type":"click","timestamp":100}""" + "\n");
        var handler = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.Unauthorized));
        await using var target = new HttpImportTarget(new Uri("http://engine:5080"), "wrong", handler, NoPauses);

        var error = await Assert.ThrowsAsync<TargetUnavailableException>(() => new ImportRunner(target, 10, 1).RunAsync([], [], GenericReader.ReadEventsJsonl(file, RatingRule.Default)));

        Assert.Contains("refused the request (401): give a valid key with --api-key", error.Message);
        Assert.Single(handler.Requests); // not retried
    }

    [Fact]
    public async Task An_engine_that_cannot_be_reached_exits_3_at_once_with_one_line()
    {
        var file = Path.Combine(folder.Path, "e.jsonl");
        File.WriteAllText(file, """{"eventId":"e-1","userId":"ann","itemId":"alien","type":"click","timestamp":100}""" + "\n");
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await ImportCommand.RunAsync(["--events", file, "--to", $"http://127.0.0.1:{Ports.Free()}"], output, errors, retryPauses: NoPauses);

        Assert.Equal(ImportCommand.TargetUnavailable, exit);
        var line = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("import: cannot reach the engine at http://127.0.0.1:", line);
        Assert.Contains("Connection refused", line);
        Assert.Equal("", output.ToString()); // nothing was read or sent
    }
}
