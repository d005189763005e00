using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// Reports on a real host process. Twelve stargazers see comets (astronomy videos) on the app at 05:00-08:59 UTC and click
/// two of every three; twelve cooks see soups (cooking articles) on the web at 18:00-21:59 and click one of every three.
/// Segments are fitted first, so the report's segments come from the fit's stored assignments. The privacy budget is 3.
/// </summary>
public sealed class ReportsApiTests : IAsyncLifetime
{
    private readonly TempDirectory data = new();
    private SiloProcess silo = null!;
    private HttpClient Http => silo.Http;

    private static readonly string[] SiloArgs =
    [
        "--ContentGrains:Engine:Segments:MaxK=4", "--ContentGrains:Engine:Segments:MinPoints=4", "--ContentGrains:Engine:Segments:Interval=00:00:00",
        "--ContentGrains:Engine:Reports:EpsilonBudget=3", "--ContentGrains:Engine:Reports:MinCellImpressions=1",
    ];

    public async Task InitializeAsync()
    {
        silo = await SiloProcess.StartSqliteAsync(data.Path, SiloArgs);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(204, (await Http.PutJsonAsync($"/v1/items/comet-{i}", new { title = $"Comet {i}", tags = new[] { "astronomy", "space" }, format = "video" })).Status);
            Assert.Equal(204, (await Http.PutJsonAsync($"/v1/items/soup-{i}", new { title = $"Soup {i}", tags = new[] { "cooking" }, format = "article" })).Status);
        }
        var yesterday = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1), TimeSpan.Zero);
        var events = new List<object>();
        for (var p = 0; p < 12; p++)
            for (var k = 0; k < 3; k++)
            {
                var star = yesterday.AddHours(5 + p % 4).AddMinutes(10 * k);
                var cook = yesterday.AddHours(18 + p % 4).AddMinutes(10 * k);
                events.Add(At($"star-{p}-{k}-i", $"star-{p}", $"comet-{(p + k) % 4}", "impression", star, "app"));
                if (k < 2) events.Add(At($"star-{p}-{k}-c", $"star-{p}", $"comet-{(p + k) % 4}", "click", star.AddSeconds(5), "app"));
                events.Add(At($"cook-{p}-{k}-i", $"cook-{p}", $"soup-{(p + k) % 4}", "impression", cook, "web"));
                if (k == 0) events.Add(At($"cook-{p}-{k}-c", $"cook-{p}", $"soup-{(p + k) % 4}", "click", cook.AddSeconds(5), "web"));
            }
        var (status, result) = await Http.PostJsonAsync("/v1/events", events);
        Assert.Equal((200, 12 * (3 + 2 + 3 + 1)), (status, (int)result!["accepted"]!));
        var (fitStatus, fit) = await Http.PostJsonAsync("/v1/segments/fit", new { });
        Assert.Equal((200, 2), (fitStatus, (int)fit!["segments"]!));
    }

    private static object At(string id, string user, string item, string type, DateTimeOffset at, string channel) =>
        new { eventId = id, userId = user, itemId = item, type, timestamp = at.ToString("O"), channel };

    public async Task DisposeAsync()
    {
        await silo.DisposeAsync();
        data.Dispose();
    }

    private async Task<JsonNode> StartAndWaitAsync(object body)
    {
        var (status, started) = await Http.PostJsonAsync("/v1/reports", body);
        Assert.Equal(202, status);
        var id = (string)started!["report"]!["id"]!;
        return (await Eventually.Get(() => Http.GetJsonAsync($"/v1/reports/{id}"), r => r.Status != 202, $"report {id} to finish", 60_000)) switch
        {
            (200, { } report) => report,
            var other => throw new Xunit.Sdk.XunitException($"report {id} answered {other.Status}: {other.Body}"),
        };
    }

    [Fact]
    public async Task An_exact_report_breaks_performance_down_by_every_axis_with_the_fits_segments()
    {
        var report = await StartAndWaitAsync(new { });
        Assert.Equal("first-tag", (string)report["topicSource"]!);
        Assert.Null(report["privacy"]);
        var byAxis = report["performance"]!["byAxis"]!;
        var app = byAxis["channel"]!.AsArray().Single(r => (string)r!["keys"]!["channel"]! == "app")!;
        Assert.Equal((36, 24), (app.Long("impressions"), app.Long("clicks")));
        // Wilson at 95 % for 24 of 36: centre (p + z²/2n)/(1 + z²/n) = 0.6506, half-width 0.1473: [0.5033, 0.7979].
        Assert.Equal(0.6667, (double)app["ctr"]!["value"]!, 4);
        Assert.Equal(0.5033, (double)app["ctr"]!["low"]!, 4);
        Assert.Equal(0.7979, (double)app["ctr"]!["high"]!, 4);
        Assert.Equal(["astronomy", "cooking"], byAxis["topic"]!.AsArray().Select(r => (string)r!["keys"]!["topic"]!).Order());
        Assert.Equal(["article", "video"], byAxis["format"]!.AsArray().Select(r => (string)r!["keys"]!["format"]!).Order());
        Assert.Equal(8, byAxis["hour"]!.AsArray().Count); // 05-08 and 18-21
        // The fit's two segments label every person: 12 each, one watches the app, the other reads the web.
        var segments = report["segments"]!["segments"]!.AsArray();
        Assert.Equal([12, 12], segments.Select(s => s.Long("people")));
        Assert.Equal(["app", "web"], segments.Select(s => (string)s!["top"]!["channel"]![0]!["key"]!).Order());
        Assert.Equal(1, report["segments"].Long("modelVersion"));
        Assert.Equal("live", (string)report["sentiment"]!["source"]!);
        Assert.StartsWith("no sentiment model stored yet", (string)report["sentiment"]!["status"]!); // none was trained here
        Assert.Equal(0, report["performance"].Long("excludedNonHuman.flaggedPersons"));

        var page = await Http.GetAsync($"/reports/{(string)report["id"]!}");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-chart=\"ctr-by-channel\"", html);
        Assert.Contains("data-chart=\"ctr-segment-topic\"", html);
    }

    [Fact]
    public async Task Kpis_and_reports_break_down_by_the_fits_segments_and_by_each_events_experiment_arm()
    {
        var spec = new
        {
            id = "hero", arms = new object[] { new { name = "control", weight = 1 }, new { name = "variant", weight = 1 } },
            metrics = new object[] { new { name = "clicks" } },
        };
        Assert.Equal(201, (await Http.PostJsonAsync("/v1/experiments", spec)).Status);
        Assert.Equal(200, (await Http.PostJsonAsync("/v1/experiments/hero/start", new { })).Status);
        var people = Enumerable.Range(0, 12).SelectMany(p => new[] { $"star-{p}", $"cook-{p}" }).ToList();
        var arms = new Dictionary<string, string>();
        foreach (var person in people)
            arms[person] = (string)(await Http.PostJsonAsync("/v1/experiments/hero/assign", new { userId = person })).Body!["arm"]!;
        // One impression each after the start: only these count under an arm (yesterday's events came before it).
        var now = DateTimeOffset.UtcNow.AddSeconds(5);
        var (status, _) = await Http.PostJsonAsync("/v1/events", people.Select(p => At($"{p}-now", p, "comet-0", "impression", now, "web")).ToList());
        Assert.Equal(200, status);

        Assert.Equal(200, (await Http.PostJsonAsync("/v1/kpis/compute", new { })).Status);
        var (_, bySegment) = await Http.GetJsonAsync("/v1/kpis?by=segment");
        Assert.Equal([48, 48], bySegment!["rows"]!.AsArray().Select(r => r.Long("impressions"))); // 36 yesterday + 12 now, each segment
        var (_, byArm) = await Http.GetJsonAsync("/v1/kpis?by=arm");
        var armRows = byArm!["rows"]!.AsArray().ToDictionary(r => (string)r!["key"]!, r => r.Long("impressions"));
        Assert.Equal(new Dictionary<string, long>
        {
            ["hero:control"] = arms.Values.Count(a => a == "control"),
            ["hero:variant"] = arms.Values.Count(a => a == "variant"),
        }, armRows);

        var report = await StartAndWaitAsync(new { });
        var hero = Assert.Single(report["experiments"]!.AsArray())!;
        Assert.Equal(("hero", "running"), ((string)hero["id"]!, (string)hero["status"]!));
        Assert.Equal(armRows["hero:control"], hero["arms"]!.AsArray().Single(a => (string)a!["arm"]! == "control").Long("impressions"));
        Assert.Equal(24, hero["arms"]!.AsArray().Sum(a => a.Long("persons")));
    }

    [Fact]
    public async Task The_privacy_budget_refuses_a_report_past_it_and_survives_a_restart()
    {
        var first = await StartAndWaitAsync(new { epsilon = 2.0 });
        Assert.Equal(2.0, (double)first["privacy"]!["epsilon"]!);
        Assert.Null(first["experiments"]);
        Assert.Null(first["performance"]!["clippedEvents"]);

        var (refused, problem) = await Http.PostJsonAsync("/v1/reports", new { epsilon = 2.0 });
        Assert.Equal(409, refused);
        Assert.Contains("epsilon 2 would exceed the privacy budget: 2 of 3 spent, 1 left", (string)problem!["detail"]!);

        await silo.StopAsync();
        await silo.DisposeAsync();
        silo = await SiloProcess.StartSqliteAsync(data.Path, SiloArgs);

        var (_, list) = await Http.GetJsonAsync("/v1/reports");
        Assert.Equal(2.0, (double)list!["budget"]!["epsilonSpent"]!);
        Assert.Equal("done", (string)list["reports"]![0]!["status"]!);
        var (over, overBody) = await Http.PostJsonAsync("/v1/reports", new { epsilon = 1.5 });
        Assert.True(over == 409, $"{over}: {overBody} {silo.Output[Math.Max(0, silo.Output.Length - 4000)..]}");
        var (again, stored) = await Http.GetJsonAsync($"/v1/reports/{(string)first["id"]!}");
        Assert.Equal(200, again);
        Assert.Equal(first["performance"]!["overall"]!.ToJsonString(), stored!["performance"]!["overall"]!.ToJsonString()); // the same noisy figures, not new noise
        Assert.Equal(202, (await Http.PostJsonAsync("/v1/reports", new { epsilon = 1.0 })).Status);
    }

    [Fact]
    public async Task Bad_requests_name_the_field_unknown_fields_are_warned_about_and_unknown_reports_are_404()
    {
        foreach (var (body, field) in new[]
        {
            ("{\"epsilon\":-1}", "epsilon"),
            ("{\"epsilon\":1,\"mechanism\":\"exponential\"}", "mechanism"),
            ("{\"from\":\"2026-02-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}", "to"),
            ("{\"epsilon\":1,\"bounds\":{\"maxCellsPerPerson\":0}}", "bounds.maxCellsPerPerson"),
            ("{\"epsilon\":\"lots\"}", "epsilon"),
        })
        {
            var response = await Http.PostAsync("/v1/reports", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(400, (int)response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(problem["errors"]?[field] is not null, $"{body}: {problem}");
        }

        var (status, started) = await Http.PostJsonAsync("/v1/reports", new { epsilom = 1 });
        Assert.Equal(202, status);
        Assert.Equal("epsilom", (string)started!["warnings"]![0]!["field"]!);
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/reports/r999")).Status);
        Assert.Equal(404, (int)(await Http.GetAsync("/reports/r999")).StatusCode);
    }

    [Fact]
    public async Task The_page_loads_in_headless_chromium_with_no_script_error_and_its_charts_drawn()
    {
        var report = await StartAndWaitAsync(new { });
        var url = $"{Http.BaseAddress}reports/{(string)report["id"]!}";

        var broken = Path.Combine(Path.GetTempPath(), $"cg-broken-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(broken, "<html><body><script>undefinedFunction()</script></body></html>");
        try { Assert.NotEmpty((await HeadlessChromium.LoadAsync("file://" + broken)).ScriptErrors); } // the check can see an error
        finally { File.Delete(broken); }

        var load = await HeadlessChromium.LoadAsync(url);
        Assert.Empty(load.ScriptErrors);
        var charts = System.Text.RegularExpressions.Regex.Matches(load.Dom, "<svg class=\"chart\" data-chart=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("ctr-by-channel", charts);
        Assert.Contains("ctr-by-hour", charts);
        Assert.Contains("ctr-segment-topic", charts);
        Assert.True(System.Text.RegularExpressions.Regex.Matches(load.Dom, "class=\"bar\"").Count >= 2 + 8 + 2 + 2 + 2);

        var screenshot = Path.Combine(RepositoryPaths.Root, ".test-results", "screenshots", "report-page.png");
        await HeadlessChromium.ScreenshotAsync(url, screenshot);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 10_000, $"the screenshot has {png.Length} bytes");
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
    }
}
