using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// The model routes across tenants: tenant a trains a feed model, fails a CTR fit (too few items), fails a sentiment
/// training (a folder without sentences, refused at once and recorded), stores a sentiment model and plants a sentiment spike on its item "amp"
/// (tag "gear"); then b, with the same names, reads and writes every model route and sees none of it.
/// These cases run after the others, and the first of them makes a's models (a's comments would change the others' counts).
/// </summary>
public sealed partial class TenantIsolationTests
{
    /// <summary>What a's model seed left: its training job, its CTR fit and its sentiment training, to check they stay a's.</summary>
    private sealed record ModelSeed(string JobId, string CtrStartedAt, string SentimentStartedAt, string EmptyFolder);

    private static readonly DateTimeOffset Day0 = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-25);

    /// <summary>
    /// A sentiment model with the engine's shapes (384 dense weights for MiniLM, 16,384 term buckets) that needs no
    /// training: every term weighs +20 and the bias is -10, so a text with a word is positive and "!!!" (no term) negative.
    /// </summary>
    private static string WordCountingSentimentModel()
    {
        const int buckets = 1 << 14;
        static string Repeat(string value, int count) => "[" + string.Join(",", Enumerable.Repeat(value, count)) + "]";
        return $"{{\"encoder\":\"test\",\"dimensions\":384,\"l2\":1,\"idf\":{Repeat("1", buckets)},\"denseWeights\":{Repeat("0", 384)}," +
               $"\"sparseWeights\":{Repeat("20", buckets)},\"bias\":-10}}";
    }

    private static object Comment(string id, DateTimeOffset at, bool negative) => new
    {
        eventId = id, userId = "c" + id, itemId = "amp", type = "comment", timestamp = at.ToString("O"), channel = "web", text = negative ? "!!!" : "great",
    };

    /// <summary>Tenant a's models, each checked as stored so that "b sees nothing" cannot pass on an engine without models.</summary>
    private static async Task<ModelSeed> SeedTenantAModelsAsync(HttpClient a, string emptyFolder)
    {
        var job = await a.RunJobAsync("pop");
        Assert.True((string)job["status"]! == "succeeded", job.ToJsonString());

        Assert.Equal(409, (await a.PostJsonAsync("/v1/ctr-model/fit", null)).Status); // a's catalog is too young: the job is a's
        var ctrJob = (await OkAsync(a, "/v1/ctr-model"))["lastJob"]!;
        Assert.Equal("too-few-items", (string)ctrJob["status"]!);

        // The folder is read before the run's first wait, so the refusal is the answer (400) and the run is recorded as failed.
        var (trainStatus, refused) = await a.PostJsonAsync("/v1/sentiment/train", new { data = emptyFolder });
        Assert.True(trainStatus == 400 && refused!.ToJsonString().Contains("_labelled.txt"), $"{trainStatus} {refused?.ToJsonString()}");
        var training = await OkAsync(a, "/v1/sentiment/train");
        Assert.Equal("failed", (string)training["status"]!);
        Assert.Contains("_labelled.txt", (string)training["reason"]!);

        Assert.Equal(1, (await a.PutJsonAsync("/v1/sentiment/model", WordCountingSentimentModel())).Body!.Long("model.version"));
        Assert.Equal(204, (await a.PutJsonAsync("/v1/items/amp", Item("Valve amplifier", "gear"))).Status);
        var comments = Enumerable.Range(0, 21).SelectMany(day => Enumerable.Range(0, 10)
            .Select(i => Comment($"d{day}-{i}", Day0.AddDays(day).AddHours(1 + i), i < (day == 20 ? 8 : 1)))).ToList();
        Assert.Equal(210, (int)(await a.PostJsonAsync("/v1/events", comments)).Body!["accepted"]!);
        await Eventually.Get(async () => (await OkAsync(a, "/v1/alerts/sentiment")).AsArray(), alerts => alerts.Count == 2,
            "a's alerts on item amp and tag gear", timeoutMs: 120_000);
        return new ModelSeed((string)job["id"]!, (string)ctrJob["startedAt"]!, (string)training["startedAt"]!, emptyFolder);
    }

    /// <summary>
    /// A model trained before tenants (no keys, so the default tenant's registry "default") is still the default
    /// tenant's after keys with tenants are configured: same registry, artifact and champion, serving its feeds, with no
    /// migration; tenant a has no model and gets the heuristic feed.
    /// </summary>
    [Fact]
    public async Task A_model_trained_before_tenants_stays_the_default_tenants_champion_and_no_other_tenants()
    {
        using var data = new TempDirectory();
        await using (var before = await SiloProcess.StartSqliteAsync(data.Path, "--ContentGrains:Engine:CatalogRefresh=00:00:00"))
        {
            foreach (var (id, title) in new[] { ("alien", "Alien"), ("aliens", "Aliens"), ("heat", "Heat") })
                Assert.Equal(204, (await before.Http.PutJsonAsync($"/v1/items/{id}", Item(title, "space"))).Status);
            Assert.Equal(8, (int)(await before.Http.PostJsonAsync("/v1/events", AlienAudience())).Body!["accepted"]!);
            Assert.Equal(1, (await before.Http.TrainAsync("pop")).Long("version"));
        }

        await using var silo = await StartAsync(data.Path);
        using var owner = silo.WithKey(DefaultKey);
        using var a = silo.WithKey(KeyA);
        var registry = await OkAsync(owner, "/v1/models");
        Assert.Equal(("default", 1L, 1), ((string)registry["name"]!, registry.Long("champion"), registry["versions"]!.AsArray().Count));
        var feed = await Eventually.Get(async () => await OkAsync(owner, "/v1/users/dan/feed?count=5"),
            f => f["models"]!.AsArray().Count == 1, "the default tenant's feed served by the stored champion");
        Assert.Equal(("default", 1L, "pop"), ((string)feed["models"]![0]!["name"]!, (long)feed["models"]![0]!["version"]!, (string)feed["models"]![0]!["kind"]!));

        Assert.Null((await OkAsync(a, "/v1/models"))["champion"]);
        Assert.Empty((await OkAsync(a, "/v1/users/dan/feed?count=5"))["models"]!.AsArray());
    }

    private static string[] Keys(JsonNode alerts) => alerts.AsArray().Select(x => (string)x!["key"]!).Order().ToArray();

    /// <summary>One case per model route, run after <see cref="CasesInOrder"/>: b's reads first, then b's writes.</summary>
    private static List<KeyValuePair<string, Func<Task>>> ModelCasesInOrder(HttpClient a, HttpClient b, Func<Task<ModelSeed>> seeded) =>
    [
        new("GET /v1/models", async () =>
        {
            var seed = await seeded();
            var registry = await OkAsync(b, "/v1/models");
            Assert.Equal(("default", null), ((string)registry["name"]!, registry["champion"]));
            Assert.Empty(registry["versions"]!.AsArray());
            var registryA = await OkAsync(a, "/v1/models");
            Assert.Equal(("default", 1L, "pop"), ((string)registryA["name"]!, registryA.Long("champion"), (string)registryA["versions"]![0]!["kind"]!));
            Assert.Equal("default", (string)registryA["versions"]![0]!["name"]!); // the tenant's own name, never "a/default"
        }),
        new("GET /v1/models/jobs/{id}", async () =>
        {
            var seed = await seeded();
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, $"/v1/models/jobs/{seed.JobId}"));
            var job = await OkAsync(a, $"/v1/models/jobs/{seed.JobId}");
            Assert.Equal(("default", "succeeded"), ((string)job["model"]!, (string)job["status"]!));
        }),
        new("GET /v1/ctr-model", async () =>
        {
            var seed = await seeded();
            var model = await OkAsync(b, "/v1/ctr-model");
            Assert.Equal((null, null), (model["version"], model["lastJob"]));
            Assert.Equal(seed.CtrStartedAt, (string)(await OkAsync(a, "/v1/ctr-model"))["lastJob"]!["startedAt"]!);
        }),
        new("GET /v1/sentiment/train", async () =>
        {
            var seed = await seeded();
            Assert.Equal("none", (string)(await OkAsync(b, "/v1/sentiment/train"))["status"]!);
            Assert.Equal("failed", (string)(await OkAsync(a, "/v1/sentiment/train"))["status"]!);
        }),
        new("GET /v1/sentiment/model", async () =>
        {
            var seed = await seeded();
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, "/v1/sentiment/model"));
            Assert.Equal(1, (await OkAsync(a, "/v1/sentiment/model")).Long("version"));
        }),
        new("GET /v1/sentiment/{kind}/{id}", async () =>
        {
            var seed = await seeded();
            var series = await OkAsync(b, "/v1/sentiment/tag/gear");
            Assert.Equal(("tag:gear", "gear"), ((string)series["key"]!, (string)series["id"]!));
            Assert.Empty(series["windows"]!.AsArray());
            var seriesA = await OkAsync(a, "/v1/sentiment/tag/gear");
            Assert.Equal(("tag:gear", 21), ((string)seriesA["key"]!, seriesA["windows"]!.AsArray().Count));
            Assert.Empty((await OkAsync(b, "/v1/sentiment/item/amp"))["windows"]!.AsArray());
        }),
        new("GET /v1/items/{itemId}/sentiment", async () =>
        {
            var seed = await seeded();
            Assert.Empty((await OkAsync(b, "/v1/items/amp/sentiment"))["windows"]!.AsArray());
            var seriesA = await OkAsync(a, "/v1/items/amp/sentiment");
            Assert.Equal(("item:amp", "amp"), ((string)seriesA["key"]!, (string)seriesA["id"]!));
            var spike = seriesA["windows"]!.AsArray()[^1]!;
            Assert.Equal((8L, 10L), (spike.Long("negative"), spike.Long("total")));
        }),
        new("GET /v1/alerts/sentiment", async () =>
        {
            var seed = await seeded();
            Assert.Empty((await OkAsync(b, "/v1/alerts/sentiment")).AsArray());
            Assert.Equal(["item:amp", "tag:gear"], Keys(await OkAsync(a, "/v1/alerts/sentiment")));
        }),
        new("DELETE /v1/models/jobs/{id}", async () =>
        {
            var seed = await seeded();
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Delete, $"/v1/models/jobs/{seed.JobId}"));
            Assert.Equal("succeeded", (string)(await OkAsync(a, $"/v1/models/jobs/{seed.JobId}"))["status"]!);
        }),
        new("PUT /v1/models/champion", async () =>
        {
            var seed = await seeded();
            var (status, problem) = await b.PutJsonAsync("/v1/models/champion", new { version = 1 });
            Assert.Equal(400, status);
            Assert.Contains("no stored version 1", problem!.ToJsonString());
            var registryA = await OkAsync(a, "/v1/models");
            Assert.Equal((1L, null), (registryA.Long("champion"), registryA["pinned"]));
        }),
        new("DELETE /v1/models/champion/pin", async () =>
        {
            var seed = await seeded();
            Assert.Equal(1, (await a.PutJsonAsync("/v1/models/champion", new { version = 1 })).Body!.Long("pinned"));
            Assert.Equal(200, await StatusAsync(b, HttpMethod.Delete, "/v1/models/champion/pin"));
            Assert.Equal(1, (await OkAsync(a, "/v1/models")).Long("pinned"));
        }),
        new("POST /v1/models/train", async () =>
        {
            var seed = await seeded();
            // b's training reads b's rows only: a handful at most (its one click was erased), never a's 220.
            var job = await b.RunJobAsync("pop");
            Assert.Equal("default", (string)job["model"]!);
            Assert.True(job.Long("eventsRead") < 20, job.ToJsonString());
            if ((string)job["status"]! == "failed") Assert.Contains("no positive interactions", (string)job["reason"]!);
            Assert.Equal(404, await StatusAsync(a, HttpMethod.Get, $"/v1/models/jobs/{(string)job["id"]!}"));
            var registryA = await OkAsync(a, "/v1/models");
            Assert.Equal((1L, 1), (registryA.Long("champion"), registryA["versions"]!.AsArray().Count));
        }),
        new("POST /v1/ctr-model/fit", async () =>
        {
            var seed = await seeded();
            var (status, problem) = await b.PostJsonAsync("/v1/ctr-model/fit", null);
            Assert.Equal(409, status);
            Assert.Contains("items have", problem!.ToJsonString());
            Assert.Equal(seed.CtrStartedAt, (string)(await OkAsync(a, "/v1/ctr-model"))["lastJob"]!["startedAt"]!);
        }),
        new("POST /v1/sentiment/train", async () =>
        {
            var seed = await seeded();
            Assert.Equal(400, await StatusAsync(b, HttpMethod.Post, "/v1/sentiment/train", new { data = seed.EmptyFolder }));
            Assert.Equal("failed", (string)(await OkAsync(b, "/v1/sentiment/train"))["status"]!); // b's own run
            Assert.Equal(seed.SentimentStartedAt, (string)(await OkAsync(a, "/v1/sentiment/train"))["startedAt"]!);
        }),
        new("PUT /v1/sentiment/model", async () =>
        {
            var seed = await seeded();
            Assert.Equal(1, (await b.PutJsonAsync("/v1/sentiment/model", WordCountingSentimentModel())).Body!.Long("model.version")); // b's first, not a's second
            Assert.Equal(1, (await OkAsync(a, "/v1/sentiment/model")).Long("version"));
            Assert.Equal(["item:amp", "tag:gear"], Keys(await OkAsync(a, "/v1/alerts/sentiment")));
        }),
    ];
}
