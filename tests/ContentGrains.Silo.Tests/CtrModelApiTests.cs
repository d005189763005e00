using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// The live CTR model on a real host process: 40 videos clicked 8 % of the time and 40 articles clicked 2 % make the
/// model predict a new video above a new article; before the traffic the fit is refused (409); the fit moves an
/// untouched item's smoothed CTR from the fixed prior to its prediction; and the model survives a restart.
/// </summary>
// IAsyncLifetime, not IAsyncDisposable: xUnit 2 never disposed the class, and each run left its silo processes running.
public sealed class CtrModelApiTests : IAsyncLifetime
{
    private static readonly string[] Config =
    [
        "--ContentGrains:Engine:CtrModel:MinImpressions=50", "--ContentGrains:Engine:CtrModel:MinItems=20",
        "--ContentGrains:Engine:CtrModel:Interval=00:00:00",
    ];

    private readonly TempDirectory data = new();
    private SiloProcess silo = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task Fitting_needs_the_admin_scope_and_looking_the_read_scope()
    {
        const string ReadKey = "ctr-read-key", AdminKey = "ctr-admin-key";
        silo = await SiloProcess.StartSqliteAsync(data.Path, [.. Config, .. ApiKeyArgs.Entry(0, "app", ReadKey, "read"), .. ApiKeyArgs.Entry(1, "ops", AdminKey, "admin")]);

        Assert.Equal(403, await StatusAsync(HttpMethod.Post, "/v1/ctr-model/fit", ReadKey));
        Assert.Equal(409, await StatusAsync(HttpMethod.Post, "/v1/ctr-model/fit", AdminKey)); // past the key: an empty catalog
        Assert.Equal(200, await StatusAsync(HttpMethod.Get, "/v1/ctr-model", ReadKey));
        Assert.Equal(404, await StatusAsync(HttpMethod.Get, "/v1/items/nobody/predicted-ctr", ReadKey)); // past the key: no such item
        Assert.Equal(401, await StatusAsync(HttpMethod.Get, "/v1/ctr-model", null));
    }

    private async Task<int> StatusAsync(HttpMethod method, string path, string? key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        if (method == HttpMethod.Post) request.Content = System.Net.Http.Json.JsonContent.Create(new { });
        using var response = await silo.Http.SendAsync(request);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task The_model_is_fitted_on_traffic_moves_the_prior_and_survives_a_restart()
    {
        silo = await SiloProcess.StartSqliteAsync(data.Path, Config);
        var http = silo.Http;
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(204, (await http.PutJsonAsync($"/v1/items/video-{i}", Item("video"))).Status);
            Assert.Equal(204, (await http.PutJsonAsync($"/v1/items/article-{i}", Item("article"))).Status);
        }
        Assert.Equal(204, (await http.PutJsonAsync("/v1/items/video-new", Item("video"))).Status);
        Assert.Equal(204, (await http.PutJsonAsync("/v1/items/article-new", Item("article"))).Status);

        var (tooFew, problem) = await http.PostJsonAsync("/v1/ctr-model/fit", new { });
        Assert.Equal(409, tooFew);
        Assert.StartsWith("0 items have 50+ impressions", (string)problem!["detail"]!);
        var (_, none) = await http.GetJsonAsync("/v1/items/video-new/predicted-ctr");
        Assert.Null(none!["modelVersion"]);
        Assert.StartsWith("no CTR model fitted yet", (string)none["note"]!);
        Assert.Equal(0.05, (double)none["smoothedCtr"]!, 6); // the fixed prior: 1 click in 20 impressions
        Assert.Equal(404, (await http.GetJsonAsync("/v1/items/nobody/predicted-ctr")).Status);
        Assert.Equal(400, (await http.GetJsonAsync("/v1/items/bad%20id/predicted-ctr")).Status);

        Assert.Equal(200, (await http.PostJsonAsync("/v1/events", Traffic())).Status);
        // The events reach the item grains in the background: fit once they have.
        var job = await Eventually.Get(async () => await http.PostJsonAsync("/v1/ctr-model/fit", new { }), r => r.Status == 202,
            "a fit accepted once the items have their traffic", timeoutMs: 120_000);
        Assert.Equal(80, (int)job.Body!["rows"]!);
        var model = await Eventually.Get(async () => (await http.GetJsonAsync("/v1/ctr-model")).Body!, b => b["version"] is not null,
            "the fitted model served", timeoutMs: 120_000);
        Assert.Equal(("lightgbm", 80), ((string)model["method"]!, (int)model["rows"]!));
        Assert.InRange((double)model["meanCtr"]!, 0.03, 0.07); // 5 % when the training items split evenly between formats
        Assert.StartsWith("format=", (string)model["importances"]![0]!["feature"]!);

        var video = await Eventually.Get(async () => (await http.GetJsonAsync("/v1/items/video-new/predicted-ctr")).Body!,
            b => b["modelVersion"] is not null, "the new video's prediction");
        var article = (await http.GetJsonAsync("/v1/items/article-new/predicted-ctr")).Body!;
        var (videoCtr, articleCtr) = ((double)video["predictedCtr"]!, (double)article["predictedCtr"]!);
        Assert.True(videoCtr > articleCtr + 0.02, $"new video {videoCtr:F4}, new article {articleCtr:F4}");
        Assert.Equal((videoCtr, 20.0), ((double)video["priorMean"]!, (double)video["priorWeight"]!));
        Assert.Equal("format=video", (string)video["topFeatures"]![0]!["feature"]!);
        // The untouched item's smoothed CTR is now its prediction: (0 + predicted·20) / (0 + 20).
        var stats = (await http.GetJsonAsync("/v1/items/video-new")).Body!["stats"]!;
        Assert.Equal(Math.Round(videoCtr, 6), (double)stats["smoothedCtr"]!, 6);

        await silo.StopAsync();
        await silo.DisposeAsync();
        silo = await SiloProcess.StartSqliteAsync(data.Path, Config);
        var again = (await silo.Http.GetJsonAsync("/v1/ctr-model")).Body!;
        Assert.Equal(((long)model["version"]!, model["importances"]!.ToJsonString()), ((long)again["version"]!, again["importances"]!.ToJsonString()));
        var videoAgain = (await silo.Http.GetJsonAsync("/v1/items/video-new/predicted-ctr")).Body!;
        Assert.Equal(videoCtr, (double)videoAgain["predictedCtr"]!, 9);
    }

    private static object Item(string format) =>
        new { title = $"a {format} about the harbour", tags = new[] { "city" }, format, channels = new[] { "web" }, publishedAt = "2026-01-01T09:00:00Z" };

    /// <summary>100 impressions per item: 8 clicks on each video, 2 on each article.</summary>
    private static List<object> Traffic()
    {
        var events = new List<object>();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");
        for (var i = 0; i < 40; i++)
        {
            foreach (var (item, clicks) in new[] { ($"video-{i}", 8), ($"article-{i}", 2) })
            {
                for (var n = 0; n < 100; n++) events.Add(Event($"{item}-i{n}", $"u{n}", item, "impression", at));
                for (var n = 0; n < clicks; n++) events.Add(Event($"{item}-c{n}", $"u{n}", item, "click", at));
            }
        }
        return events;
    }
}
