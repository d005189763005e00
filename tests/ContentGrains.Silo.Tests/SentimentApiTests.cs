using System.Net;
using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// Live sentiment on a real host process with the real MiniLM encoder: the classifier trained over HTTP from the shared
/// sentiment sentences, comments scored off the ingest path into the item's and its tag's series, a planted spike
/// alerting (API, log line, a webhook received by a real local HTTP listener), and the series and model kept across a
/// restart. Item "amp" (tag "gear") gets 20 days of 10 comments with 1 negative each, then a day of 8 negative in 10.
/// </summary>
public sealed class SentimentApiTests : IAsyncLifetime
{
    private const string Good = "Wonderful, excellent and really great, I loved it.";
    private const string Bad = "Terrible, awful and horrible, I hated it.";
    private static readonly DateTimeOffset Day0 = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-25);
    private readonly TempDirectory data = new();
    private readonly HttpListener webhook = new();
    private readonly List<JsonNode> received = [];
    private string webhookUrl = "";
    private SiloProcess silo = null!;
    private HttpClient Http => silo.Http;

    public async Task InitializeAsync()
    {
        webhookUrl = $"http://127.0.0.1:{Ports.Free()}/alerts/";
        webhook.Prefixes.Add(webhookUrl);
        webhook.Start();
        _ = ListenAsync();
        silo = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await silo.DisposeAsync();
        webhook.Close();
        data.Dispose();
    }

    private Task<SiloProcess> StartAsync() => SiloProcess.StartSqliteAsync(data.Path,
        $"--ContentGrains:Engine:Sentiment:WebhookUrl={webhookUrl}", "--ContentGrains:Engine:ModelRefresh=00:00:00");

    /// <summary>The webhook receiver: answers 503 to its first call (the engine must retry), then 200.</summary>
    private async Task ListenAsync()
    {
        var calls = 0;
        while (webhook.IsListening)
        {
            HttpListenerContext context;
            try { context = await webhook.GetContextAsync(); }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            context.Response.StatusCode = ++calls == 1 ? 503 : 200;
            if (calls > 1) lock (received) received.Add(body);
            context.Response.Close();
        }
    }

    [Fact]
    public async Task A_planted_spike_alerts_by_api_log_and_webhook_and_the_series_and_model_survive_a_restart()
    {
        var sentences = RepositoryPaths.RequireSharedData("sentiment-sentences", "yelp_labelled.txt");
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/sentiment/model")).Status);
        var (badStatus, bad) = await Http.PostJsonAsync("/v1/sentiment/train", new { data = "/no/such/folder" });
        Assert.Equal(400, badStatus);
        Assert.Contains("does not exist", (string)bad!["errors"]!["data"]![0]!);

        // A model file of per-penalty fits is checked fit by fit: a terms fit of the wrong size is named.
        var (badModel, badModelProblem) = await Http.PutJsonAsync("/v1/sentiment/model", new
        {
            encoder = "test", dimensions = 384, l2 = 0.0, idf = Enumerable.Repeat(1.0, 16384), denseWeights = Array.Empty<double>(),
            sparseWeights = Array.Empty<double>(), bias = 0.0, vectorFits = new[] { new { l2 = 1e-4, weights = new double[384], bias = 0.0 } },
            wordsFits = new[] { new { l2 = 1e-4, weights = new double[3], bias = 0.0 } },
        });
        Assert.Equal(400, badModel);
        Assert.Contains("must have 16384 entries, got 3", (string)badModelProblem!["errors"]!["wordsFits[0].weights"]![0]!);

        var (status, started) = await Http.PostJsonAsync("/v1/sentiment/train", new { data = sentences, l2 = 3e-4, penalty = 1 });
        Assert.Equal((202, "running"), (status, (string)started!["training"]!["status"]!));
        Assert.Equal("penalty", (string)started["warnings"]![0]!["field"]!);
        var trained = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/sentiment/train")).Body!,
            t => (string)t["status"]! != "running", "the training run's end", timeoutMs: 900_000);
        Assert.Equal("succeeded", (string)trained["status"]!);
        Assert.Equal((1, "trained", 2000, 384), ((int)trained["model"]!["version"]!, (string)trained["model"]!["source"]!,
            (int)trained["model"]!["sentences"]!, (int)trained["model"]!["dimensions"]!));

        Assert.Equal(204, (await Http.PutJsonAsync("/v1/items/amp", new { title = "Valve amplifier", tags = new[] { "gear" } })).Status);
        var events = new List<object>();
        for (var day = 0; day <= 20; day++)
            for (var i = 0; i < 10; i++)
                events.Add(Comment($"d{day}-{i}", Day0.AddDays(day).AddHours(1 + i), i < (day == 20 ? 8 : 1) ? Bad : Good));
        var (ingested, result) = await Http.PostJsonAsync("/v1/events", events);
        Assert.Equal((200, 210), (ingested, (int)result!["accepted"]!));

        var alerts = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/alerts/sentiment")).Body!.AsArray(),
            a => a.Count >= 2, "alerts for the item and its tag", timeoutMs: 120_000);
        var spike = Day0.AddDays(20);
        foreach (var key in new[] { "item:amp", "tag:gear" })
        {
            var alert = alerts.Single(a => (string)a!["key"]! == key)!;
            Assert.Equal((spike, spike.AddDays(1)), ((DateTimeOffset)alert["windowStart"]!, (DateTimeOffset)alert["windowEnd"]!));
            Assert.Equal((8, 10), ((int)alert["negative"]!, (int)alert["total"]!));
            Assert.Equal(21.0 / 202, (double)alert["usualShare"]!, 6); // Beta(1 + 20 negatives, 1 + 180 positives)
        }
        Assert.Single((await Http.GetJsonAsync("/v1/alerts/sentiment?kind=tag")).Body!.AsArray());
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/alerts/sentiment?kind=planet")).Status);
        Assert.Contains("Sentiment alert: item:amp", silo.Output);
        var delivered = await Eventually.Get(() => { lock (received) return Task.FromResult(received.SelectMany(b => b["alerts"]!.AsArray()).Count()); },
            n => n >= 2, "both alerts at the webhook after its first answer failed", timeoutMs: 30_000);
        Assert.Equal(2, delivered);

        var series = await SeriesAsync("/v1/items/amp/sentiment", 21);
        await silo.StopAsync();
        await silo.DisposeAsync();
        silo = await StartAsync();

        Assert.Equal(series.ToJsonString(), (await Http.GetJsonAsync("/v1/items/amp/sentiment")).Body!["windows"]!.ToJsonString());
        Assert.Equal(1, (int)(await Http.GetJsonAsync("/v1/sentiment/model")).Body!["version"]!);
        Assert.Equal(2, (await Http.GetJsonAsync("/v1/alerts/sentiment")).Body!.AsArray().Count);
        // The restarted silo loads the stored model and scores a new comment into the tag's series.
        Assert.Equal(200, (await Http.PostJsonAsync("/v1/events", new[] { Comment("after", spike.AddHours(12), Bad) })).Status);
        var tag = await SeriesAsync("/v1/sentiment/tag/gear", 21, w => (int)w["total"]! == 11);
        Assert.Equal((9, 2, 11), ((int)tag[20]!["negative"]!, (int)tag[20]!["positive"]!, (int)tag[20]!["total"]!));
        Assert.Equal(9 / 11.0, (double)tag[20]!["negativeShare"]!, 6);
        Assert.Equal((1, 9), ((int)tag[0]!["negative"]!, (int)tag[0]!["positive"]!));
    }

    /// <summary>The series' windows once it has <paramref name="count"/> of them (and the last one passes <paramref name="last"/>).</summary>
    private async Task<JsonArray> SeriesAsync(string path, int count, Func<JsonNode, bool>? last = null) =>
        await Eventually.Get(async () => (await Http.GetJsonAsync(path)).Body!["windows"]!.AsArray(),
            w => w.Count == count && (last is null || last(w[^1]!)), $"{count} windows at {path}", timeoutMs: 60_000);

    private static object Comment(string id, DateTimeOffset at, string text) =>
        new { eventId = id, userId = "u" + id, itemId = "amp", type = "comment", timestamp = at.ToString("O"), channel = "web", text };
}
