using System.Text.RegularExpressions;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// A PostgreSQL outage of about 12 s under steady ingestion, on a server of the test's own (stopped and started
/// again): clear 503s with Retry-After while it is down, feeds served from what the silo holds, a log that does not
/// fill with repeated stack traces, and afterwards full recovery with every event in the log once and counted once.
/// </summary>
public sealed partial class PostgresOutageTests
{
    [Fact]
    public async Task Ingestion_answers_503_while_the_database_is_down_and_loses_and_doubles_nothing()
    {
        await using var postgres = await OwnPostgresServer.StartAsync();
        await PostgresSchema.ApplyAsync(postgres.ConnectionString);
        await using var silo = await SiloProcess.StartPostgresAsync(postgres.ConnectionString, "outage-silo");

        var drill = new IngestDrill(() => [silo.Http], clients: 2, batchSize: 100);
        await drill.PrepareAsync(silo.Http);
        await silo.Http.PostJsonAsync("/v1/events", new[] { Event("warm-1", "reader", "outage-item", "view") });
        Assert.Equal(200, (await silo.Http.GetJsonAsync("/v1/users/reader/feed")).Status); // the reader's grain and the caches are warm

        using var stop = new CancellationTokenSource();
        var traffic = drill.RunAsync(stop.Token);
        await Task.Delay(3_000);
        var logBefore = silo.Output.Length;
        await postgres.StopAsync();

        // While it is down: a batch is refused with 503, Retry-After and a body that says why; a warm feed still serves.
        var refused = await Eventually.Get(() => PostRawAsync(silo.Http, [Event("down-1", "reader", "outage-item", "click")]),
            r => r.Status != 200, "a refusal while PostgreSQL is down", 15_000);
        Assert.Equal(503, refused.Status);
        Assert.NotNull(refused.RetryAfter);
        Assert.Contains("store is unreachable", refused.Body);
        Assert.Equal(200, (await silo.Http.GetJsonAsync("/v1/users/reader/feed")).Status);
        await Task.Delay(10_000);
        Assert.Equal(200, (await silo.Http.GetJsonAsync("/v1/users/reader/feed")).Status);
        // A failure kind seen again after the 10 s interval is written as one line, without its trace: wait for the first.
        var outageLog = await Eventually.Get(() => Task.FromResult(silo.Output[logBefore..]), log => log.Contains("repeated failure"),
            "a repeated failure summarised in one line while PostgreSQL is down", 20_000);

        await postgres.StartAgainAsync();
        var recovered = await Eventually.Get(() => PostRawAsync(silo.Http, [Event("up-1", "reader", "outage-item", "click")]),
            r => r.Status == 200, "ingestion after PostgreSQL is back", 60_000);
        Assert.Contains("\"accepted\":1", recovered.Body);
        await Task.Delay(5_000);
        await stop.CancelAsync();
        await traffic;

        var report = await drill.VerifyAsync(postgres.ConnectionString, silo.Http);
        Assert.True(report.Refusals503 > 0, $"the drill saw no 503 during the outage: {report}");
        Assert.Equal((0, 0, 0, 0), (report.RefusalsOther, report.RefusalsWithoutBody, report.RefusalsWithoutRetryAfter, report.LostAnswers));
        Assert.Equal((0, 0, 0), (report.Lost, report.CountedTwice, report.CountedMissing));
        // Acknowledged accepted events are all in the log; the rest of the log are commits whose answer PostgreSQL cut (retried: duplicates).
        Assert.Equal(report.Logged, report.AcknowledgedAccepted + report.StoredButRefused);

        // The log: no codec failure, no 500, and each failure's stack trace at most once per kind (not once per request).
        Assert.DoesNotContain("CodecNotFoundException", silo.Output);
        var traces = TraceLine().Matches(outageLog).Count;
        var failures = FailureLine().Matches(outageLog).Count;
        Assert.True(traces <= 40, $"{traces} log lines with stack traces during a 12 s outage ({outageLog.Length} characters of log):\n{outageLog[..Math.Min(outageLog.Length, 20_000)]}");
        Assert.Contains("repeated failure", outageLog);
        Assert.True(failures > traces, $"{failures} failure lines, {traces} traces");
    }

    private static async Task<(int Status, string Body, TimeSpan? RetryAfter)> PostRawAsync(HttpClient http, object[] events)
    {
        using var response = await http.PostAsync("/v1/events", System.Net.Http.Json.JsonContent.Create(events));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>A log line holding a .NET stack trace (the single-line console writes a trace on its entry's line).</summary>
    [GeneratedRegex(@"^.*\bat [A-Za-z_][\w.`<>+]*\.[\w<>`]+\(.*$", RegexOptions.Multiline)]
    private static partial Regex TraceLine();

    /// <summary>A log entry at warning level or above (the simple console's level tags).</summary>
    [GeneratedRegex(@"\b(warn|fail|crit): ", RegexOptions.Multiline)]
    private static partial Regex FailureLine();
}
