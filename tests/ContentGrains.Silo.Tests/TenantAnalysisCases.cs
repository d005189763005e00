using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// The cross-tenant cases of <see cref="TenantIsolationTests"/> for the analysis jobs: topics, segments, rules, KPIs,
/// live KPIs, traffic flags, reports, the privacy audit and retention. Tenant a has the seed's four items, nine events
/// and mined rules; b has nothing of its own while its reads run. Every case shows a's result first exists (so b's empty
/// answer cannot pass on an empty engine), then that b's job read none of a's events or items, then that a's answers
/// name a's items by a's own ids.
/// </summary>
public static class TenantAnalysisCases
{
    /// <summary>Settings that let the seed's few items and persons fit topics and segments, and flag a clicker with no impressions.</summary>
    public static readonly string[] SiloArgs =
    [
        "--ContentGrains:Engine:Topics:MinTopics=2", "--ContentGrains:Engine:Topics:MaxTopics=2", "--ContentGrains:Engine:Topics:Interval=00:00:00",
        "--ContentGrains:Engine:Segments:MaxK=2", "--ContentGrains:Engine:Segments:MinPoints=2", "--ContentGrains:Engine:Segments:Interval=00:00:00",
        "--ContentGrains:Engine:Kpis:Traffic:MinClicksWithoutImpressions=2",
    ];

    private static readonly HashSet<string> ItemsOfA = ["alien", "aliens", "heat", "storm"];

    /// <summary>b's reads (and a's fits): b has no items and no events yet.</summary>
    public static List<KeyValuePair<string, Func<Task>>> Reads(HttpClient a, HttpClient b) =>
    [
        new("POST /v1/topics/fit", async () =>
        {
            var (status, fitB) = await b.PostJsonAsync("/v1/topics/fit", new { });
            Assert.Equal(409, status); // a's four items would be enough: b's fit saw none of them
            Assert.Contains("found 0", (string)fitB!["detail"]!);
            var fitA = await Eventually.Get(async () => (await a.PostJsonAsync("/v1/topics/fit", new { })).Body!, r => r["items"] is { } n && (int)n == 4,
                "a's fit over its four items' text vectors", timeoutMs: 180_000);
            Assert.Equal(2, (int)fitA["topics"]!);
        }),
        new("GET /v1/topics", async () =>
        {
            var topicsB = (await b.GetJsonAsync("/v1/topics")).Body!;
            Assert.Null(topicsB["version"]);
            Assert.Empty(topicsB["topics"]!.AsArray());
            var topicsA = (await a.GetJsonAsync("/v1/topics")).Body!;
            Assert.Equal((1L, 4L), (topicsA.Long("version"), topicsA.Long("items")));
        }),
        new("GET /v1/topics/{topicId}", async () =>
        {
            Assert.Equal(404, (await b.GetJsonAsync("/v1/topics/0")).Status);
            var items = (await TopicItems(a, 0)).Concat(await TopicItems(a, 1)).ToHashSet();
            Assert.NotEmpty(items);
            Assert.Subset(ItemsOfA, items); // a's items, by a's ids (not "a/alien")
        }),
        new("GET /v1/items/{itemId}/topics", async () =>
        {
            Assert.Equal(404, (await b.GetJsonAsync("/v1/items/alien/topics")).Status);
            var topicsA = (await a.GetJsonAsync("/v1/items/alien/topics")).Body!;
            Assert.Equal(("alien", true), ((string)topicsA["itemId"]!, (bool)topicsA["fitted"]!));
        }),
        new("GET /v1/users/{userId}/topics", async () =>
        {
            var annB = (await b.GetJsonAsync("/v1/users/ann/topics")).Body!;
            Assert.Equal("ann", (string)annB["userId"]!);
            Assert.Null(annB["version"]); // b fitted no topics: a's would be served to b's ann by a shared model
            Assert.Equal(1, (await a.GetJsonAsync("/v1/users/ann/topics")).Body!.Long("version"));
        }),
        new("POST /v1/segments/fit", async () =>
        {
            var (status, fitB) = await b.PostJsonAsync("/v1/segments/fit", new { });
            Assert.Equal(409, status); // a's persons would be enough: b's fit read none of a's events
            Assert.Contains("found 0", (string)fitB!["detail"]!);
            // a's seed readers all read space stories alike: three storm readers give a's fit two kinds of person to tell apart.
            var storm = new[] { "wes", "wyn", "wil" }.SelectMany(p => new[] { Event($"{p}-1", p, "storm", "view"), Event($"{p}-2", p, "storm", "like") }).ToList();
            Assert.Equal(6, (int)(await a.PostJsonAsync("/v1/events", storm)).Body!["accepted"]!);
            var (statusA, fitA) = await a.PostJsonAsync("/v1/segments/fit", new { });
            Assert.True(statusA == 200, fitA?.ToJsonString());
            Assert.True(fitA!.Long("eventsRead") >= 9, fitA.ToJsonString()); // a's events
        }),
        new("GET /v1/segments", async () =>
        {
            var segmentsB = (await b.GetJsonAsync("/v1/segments")).Body!;
            Assert.Null(segmentsB["version"]);
            Assert.Empty(segmentsB["segments"]!.AsArray());
            Assert.Equal(1, (await a.GetJsonAsync("/v1/segments")).Body!.Long("version"));
        }),
        new("GET /v1/users/{userId}/segment", async () =>
        {
            var annA = await Eventually.Get(async () => (await a.GetJsonAsync("/v1/users/ann/segment")).Body!, s => s["segment"] is not null, "a's ann in a's segments");
            Assert.Equal("ann", (string)annA["userId"]!);
            var annB = (await b.GetJsonAsync("/v1/users/ann/segment")).Body!;
            Assert.Equal("ann", (string)annB["userId"]!);
            Assert.Null(annB["segment"]);
        }),
        new("POST /v1/kpis/compute", async () =>
        {
            Assert.Equal(0, (await b.PostJsonAsync("/v1/kpis/compute", null)).Body!.Long("eventsRead"));
            Assert.True((await a.PostJsonAsync("/v1/kpis/compute", null)).Body!.Long("eventsRead") >= 9);
        }),
        new("GET /v1/kpis", async () =>
        {
            Assert.Empty((await b.GetJsonAsync("/v1/kpis?by=item")).Body!["rows"]!.AsArray());
            var rowsA = (await a.GetJsonAsync("/v1/kpis?by=item")).Body!["rows"]!.AsArray().Select(r => (string)r!["key"]!).ToHashSet();
            Assert.Contains("alien", rowsA);
            Assert.Subset(ItemsOfA, rowsA); // by a's ids
        }),
        new("GET /v1/kpis/retention", async () =>
        {
            Assert.Empty((await b.GetJsonAsync("/v1/kpis/retention")).Body!["cohorts"]!.AsArray());
            Assert.NotEmpty((await a.GetJsonAsync("/v1/kpis/retention")).Body!["cohorts"]!.AsArray());
        }),
        new("GET /v1/kpis/live", async () =>
        {
            Assert.Equal(0, (await b.GetJsonAsync("/v1/kpis/live?by=item")).Body!.Long("overall.events"));
            var liveA = (await a.GetJsonAsync("/v1/kpis/live?by=item")).Body!;
            Assert.Contains("alien", liveA["rows"]!.AsArray().Select(r => (string)r!["key"]!));
        }),
        new("GET /v1/traffic/flags", async () =>
        {
            // a's clicker with no impression (two clicks flag, SiloArgs) in a's log; b computes over its own, empty, log.
            Assert.Equal(2, (int)(await a.PostJsonAsync("/v1/events", new[] { Event("robo-1", "robo", "heat"), Event("robo-2", "robo", "heat") })).Body!["accepted"]!);
            Assert.True((await a.PostJsonAsync("/v1/kpis/compute", null)).Body!.Long("eventsRead") >= 11);
            Assert.Equal(0, (await b.PostJsonAsync("/v1/kpis/compute", null)).Body!.Long("eventsRead"));
            Assert.Empty((await b.GetJsonAsync("/v1/traffic/flags")).Body!.AsArray());
            Assert.Equal(["robo"], (await a.GetJsonAsync("/v1/traffic/flags")).Body!.AsArray().Select(f => (string)f!["personId"]!));
        }),
        new("GET /v1/reports", async () =>
        {
            Assert.Equal((202, "r1"), await StartReportAsync(a));
            Assert.Empty((await b.GetJsonAsync("/v1/reports")).Body!["reports"]!.AsArray());
            Assert.Equal(["r1"], (await a.GetJsonAsync("/v1/reports")).Body!["reports"]!.AsArray().Select(r => (string)r!["id"]!));
        }),
        new("GET /v1/reports/{id}", async () =>
        {
            Assert.Equal(404, (await b.GetJsonAsync("/v1/reports/r1")).Status);
            var report = await FinishedAsync(a, "r1");
            Assert.Equal(["launch"], report["experiments"]!.AsArray().Select(e => (string)e!["id"]!)); // a's experiment, by a's id
            Assert.Equal(["storm"], report["bandits"]!.AsArray().Select(t => (string)t!["itemId"]!));
        }),
        new("GET /reports/{id}", async () =>
        {
            using var pageB = await b.GetAsync("/reports/r1");
            Assert.Equal(404, (int)pageB.StatusCode);
            using var pageA = await a.GetAsync("/reports/r1");
            Assert.Equal(200, (int)pageA.StatusCode);
            Assert.Contains("storm", await pageA.Content.ReadAsStringAsync());
        }),
        new("GET /v1/privacy/audit", async () =>
        {
            // b's own reads so far logged b's exports; a's seed changed zoe's consent.
            Assert.DoesNotContain("consent", (await b.GetJsonAsync("/v1/privacy/audit")).Body!.AsArray().Select(e => (string)e!["action"]!));
            Assert.Contains("consent", (await a.GetJsonAsync("/v1/privacy/audit")).Body!.AsArray().Select(e => (string)e!["action"]!));
        }),
    ];

    /// <summary>b's writes, after b stored its own items and one event (ann clicks alien).</summary>
    public static List<KeyValuePair<string, Func<Task>>> Writes(HttpClient a, HttpClient b) =>
    [
        new("POST /v1/rules/mine", async () =>
        {
            var minedB = (await b.PostJsonAsync("/v1/rules/mine", new { })).Body!;
            Assert.Equal(1, minedB.Long("eventsRead")); // b's one event; a's nine are a's
            Assert.Equal("aliens", (string)(await a.GetJsonAsync("/v1/items/alien/also")).Body!["rules"]!.AsArray().Single()!["itemId"]!);
            Assert.Empty((await b.GetJsonAsync("/v1/items/alien/also")).Body!["rules"]!.AsArray());
        }),
        new("POST /v1/reports", async () =>
        {
            Assert.Equal((202, "r1"), await StartReportAsync(b)); // b's own numbering: a's r1 is a's
            var reportB = await FinishedAsync(b, "r1");
            Assert.Empty(reportB["bandits"]!.AsArray()); // a's headline test on storm is not b's
            Assert.All(reportB["experiments"]!.AsArray(), e => Assert.Equal("draft", (string)e!["status"]!)); // b's own draft "launch", not a's running one
            // b's own sentiment: b stored no model (a's is made after these cases; TenantReportSentiment covers a model each).
            Assert.Equal("live", (string)reportB["sentiment"]!["source"]!);
            Assert.StartsWith("no sentiment model stored yet", (string)reportB["sentiment"]!["status"]!);
            Assert.Equal(["r1"], (await a.GetJsonAsync("/v1/reports")).Body!["reports"]!.AsArray().Select(r => (string)r!["id"]!));
        }),
        new("POST /v1/privacy/retention/run", async () =>
        {
            // Retention is the install's: a tenant's key may not run it (it would expire every tenant's old rows).
            Assert.Equal(403, (await b.PostJsonAsync("/v1/privacy/retention/run", null)).Status);
            Assert.Equal(403, (await a.PostJsonAsync("/v1/privacy/retention/run", null)).Status);
            Assert.Equal(2, (await a.GetJsonAsync("/v1/users/ann/export")).Body!.Long("eventCount"));
        }),
    ];

    private static async Task<IEnumerable<string>> TopicItems(HttpClient a, int topic)
    {
        var (status, detail) = await a.GetJsonAsync($"/v1/topics/{topic}");
        Assert.True(status == 200, detail?.ToJsonString());
        return detail!["items"]!.AsArray().Select(i => (string)i!["itemId"]!).ToList();
    }

    internal static async Task<(int Status, string? Id)> StartReportAsync(HttpClient http)
    {
        var (status, started) = await http.PostJsonAsync("/v1/reports", new { });
        return (status, (string?)started?["report"]?["id"]);
    }

    internal static async Task<JsonNode> FinishedAsync(HttpClient http, string id)
    {
        var (status, report) = await Eventually.Get(() => http.GetJsonAsync($"/v1/reports/{id}"), r => r.Status != 202, $"report {id} to finish", 60_000);
        Assert.True(status == 200, report?.ToJsonString());
        return report!;
    }
}
