using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// A report's sentiment section is its tenant's own: a's report names a's model version and the alerts on a's series
/// (keyed as a names them), b's names b's model version and no alert, and the default tenant's says it has no model.
/// A read-only key of a's is refused a's exact report (admin) and reads a's private one; b's keys never find a's reports.
/// </summary>
public sealed partial class TenantIsolationTests
{
    [Fact]
    public async Task A_tenants_report_carries_its_own_sentiment_and_never_another_tenants()
    {
        using var data = new TempDirectory();
        await using var silo = await StartAsync(data.Path);
        using var a = silo.WithKey(KeyA);
        using var b = silo.WithKey(KeyB);
        using var owner = silo.WithKey(DefaultKey);
        // a: one model and a spike of negative comments on its item amp (tag gear) on the last day: two alerts.
        Assert.Equal(1, (await a.PutJsonAsync("/v1/sentiment/model", WordCountingSentimentModel())).Body!.Long("model.version"));
        Assert.Equal(204, (await a.PutJsonAsync("/v1/items/amp", Item("Valve amplifier", "gear"))).Status);
        var comments = Enumerable.Range(0, 21).SelectMany(day => Enumerable.Range(0, 10)
            .Select(i => Comment($"d{day}-{i}", Day0.AddDays(day).AddHours(1 + i), i < (day == 20 ? 8 : 1)))).ToList();
        Assert.Equal(210, (int)(await a.PostJsonAsync("/v1/events", comments)).Body!["accepted"]!);
        await Eventually.Get(async () => (await a.GetJsonAsync("/v1/alerts/sentiment")).Body!.AsArray(), alerts => alerts.Count == 2,
            "a's alerts on item amp and tag gear", timeoutMs: 120_000);
        // b: the same item id and a model of its own, stored twice (version 2), and no comments.
        Assert.Equal(204, (await b.PutJsonAsync("/v1/items/amp", Item("Valve amplifier", "gear"))).Status);
        Assert.Equal(1, (await b.PutJsonAsync("/v1/sentiment/model", WordCountingSentimentModel())).Body!.Long("model.version"));
        Assert.Equal(2, (await b.PutJsonAsync("/v1/sentiment/model", WordCountingSentimentModel())).Body!.Long("model.version"));

        var sentimentA = await ReportSentimentAsync(a);
        var sentimentB = await ReportSentimentAsync(b);
        var sentimentOwner = await ReportSentimentAsync(owner);

        Assert.Equal("live", (string)sentimentA["source"]!);
        Assert.StartsWith("comments scored by sentiment model version 1 ", (string)sentimentA["status"]!);
        Assert.EndsWith("; 2 alerts in the period", (string)sentimentA["status"]!);
        Assert.Equal(["item:amp", "tag:gear"], AlertKeys(sentimentA));
        Assert.StartsWith("comments scored by sentiment model version 2 ", (string)sentimentB["status"]!);
        Assert.EndsWith("; 0 alerts in the period", (string)sentimentB["status"]!);
        Assert.Empty(AlertKeys(sentimentB));
        Assert.StartsWith("no sentiment model stored yet", (string)sentimentOwner["status"]!);
        Assert.Empty(AlertKeys(sentimentOwner));

        using var aReader = silo.WithKey(KeyAReader);
        var (denied, problem) = await aReader.GetJsonAsync("/v1/reports/r1"); // a's first report: exact
        Assert.Equal((403, "admin"), (denied, (string?)problem!["scope"]));
        var (started, privateReport) = await a.PostJsonAsync("/v1/reports", new { epsilon = 1.0 });
        Assert.Equal((202, "r2"), (started, (string?)privateReport!["report"]!["id"]));
        await TenantAnalysisCases.FinishedAsync(a, "r2");
        Assert.Equal(200, (await aReader.GetJsonAsync("/v1/reports/r2")).Status);
        Assert.Equal(404, (await b.GetJsonAsync("/v1/reports/r2")).Status);
    }

    private static async Task<JsonNode> ReportSentimentAsync(HttpClient tenant)
    {
        var (status, id) = await TenantAnalysisCases.StartReportAsync(tenant);
        Assert.Equal(202, status);
        return (await TenantAnalysisCases.FinishedAsync(tenant, id!))["sentiment"]!;
    }

    private static string[] AlertKeys(JsonNode sentiment) => sentiment["alerts"]!.AsArray().Select(x => (string)x!["key"]!).Order(StringComparer.Ordinal).ToArray();
}
