using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// Training, the model registry, similar items and trending through the HTTP API of a real host process. The data:
/// three people watch both "alien" and "aliens", one watches "alien" alone, and "heat" is seen once; "memo" is for
/// e-mail only and has no events.
/// </summary>
public sealed class ModelsApiTests : SqliteSiloTests
{
    protected override async Task SeedAsync()
    {
        foreach (var (id, title, tags) in new[] { ("alien", "Alien", new[] { "scifi", "horror" }), ("aliens", "Aliens", ["scifi", "action"]),
                     ("heat", "Heat", ["crime", "action"]), ("toy", "Toy Story", ["kids"]) })
            Assert.Equal(204, (await Http.PutJsonAsync($"/v1/items/{id}", new { title, tags })).Status);
        Assert.Equal(204, (await Http.PutJsonAsync("/v1/items/memo", new { title = "Memo", tags = new[] { "scifi" }, channels = new[] { "email" } })).Status);
        var (status, result) = await Http.PostJsonAsync("/v1/events", AlienAudience());
        Assert.Equal((200, 8), (status, (int)result!["accepted"]!));
    }

    [Fact]
    public async Task Trending_orders_by_recent_events_and_respects_the_channel()
    {
        // Popularity reaches the catalog on its own short timer, not within the event call.
        var trending = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/trending?count=2")).Body!,
            t => FeedIds(t).Length == 2, "two trending items");
        Assert.Equal(["aliens", "alien"], FeedIds(trending)); // 3 likes (weight 3 each) outweigh 4 views (weight 1)
        Assert.Equal("trending now", (string)trending["items"]![0]!["reason"]!);

        var (_, email) = await Http.GetJsonAsync("/v1/trending?count=10&channel=email");
        Assert.DoesNotContain("memo", FeedIds(email!)); // no events yet: not trending anywhere
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/trending?count=0")).Status);
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/trending?count=501")).Status);
    }

    [Fact]
    public async Task Similar_items_use_shared_tags_before_training_and_co_watching_after()
    {
        var (status, before) = await Http.GetJsonAsync("/v1/items/alien/similar?count=3");
        Assert.Equal(200, status);
        Assert.Equal(["memo", "aliens"], FeedIds(before!)); // tag Jaccard 1/2 and 1/3; heat and toy share nothing
        Assert.Equal("shares tags with Alien", (string)before!["items"]![0]!["reason"]!);
        var (_, web) = await Http.GetJsonAsync("/v1/items/alien/similar?count=3&channel=web");
        Assert.Equal(["aliens"], FeedIds(web!)); // memo goes to e-mail only
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/items/nothing/similar")).Status);
        var (badStatus, problem) = await Http.GetJsonAsync("/v1/items/alien/similar?count=0");
        Assert.Equal(400, badStatus);
        Assert.NotNull(problem!["errors"]!["count"]);

        await Http.TrainAsync();
        var after = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/items/alien/similar?count=3")).Body!,
            list => ((string)list["model"]!).StartsWith("default-v1", StringComparison.Ordinal), "the trained model on the silo");
        Assert.Equal("aliens", FeedIds(after)[0]);
        Assert.Equal("often watched with Alien", (string)after["items"]![0]!["reason"]!);
        Assert.Equal(Math.Round(3 / Math.Sqrt(4 * 3), 6), (double)after["items"]![0]!["score"]!, 6); // cosine: 3 co-watchers, 4 and 3 watchers
    }

    [Fact]
    public async Task Training_publishes_a_version_the_feed_uses_and_the_champion_can_be_rolled_back()
    {
        var (badStatus, bad) = await Http.PostJsonAsync("/v1/models/train?kind=deep-magic", null);
        Assert.Equal(400, badStatus);
        Assert.NotNull(bad!["errors"]!["kind"]);

        var v1 = await Http.TrainAsync();
        Assert.Equal((1, "ease", 5, 3, 8), ((long)v1!["version"]!, (string)v1["kind"]!, (int)v1["users"]!, (int)v1["items"]!, (int)v1["positives"]!));

        // dan watched alien: the model brings aliens, co-watched with it by everyone else, with the reason.
        var feed = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/users/dan/feed?count=3")).Body!,
            f => (string)f["model"]! == "default-v1:ease", "the feed on model v1");
        Assert.Equal("aliens", FeedIds(feed)[0]);
        Assert.Equal("because you watched Alien", (string)feed["items"]![0]!["reason"]!);

        var v2 = await Http.TrainAsync("itemknn");
        Assert.Equal((2, "itemknn"), ((long)v2!["version"]!, (string)v2["kind"]!));
        var (_, registry) = await Http.GetJsonAsync("/v1/models");
        Assert.Equal(2, (long)registry!["champion"]!);
        Assert.Equal([2L, 1L], registry["versions"]!.AsArray().Select(v => (long)v!["version"]!));

        var (rollbackStatus, rolledBack) = await Http.PutJsonAsync("/v1/models/champion", new { version = 1 });
        Assert.Equal(200, rollbackStatus);
        Assert.Equal(1, (long)rolledBack!["champion"]!);
        await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/users/dan/feed?count=3")).Body!,
            f => (string)f["model"]! == "default-v1:ease", "the feed back on v1");
        var (missingStatus, missing) = await Http.PutJsonAsync("/v1/models/champion", new { version = 99 });
        Assert.Equal(400, missingStatus);
        Assert.NotNull(missing!["errors"]!["version"]);
    }

    [Fact]
    public async Task The_host_trains_and_serves_the_torchsharp_bpr_kind()
    {
        // bpr lives in ContentGrains.Training: the host registers it at start-up and loads libtorch in its own process.
        var v1 = await Http.TrainAsync("bpr");
        Assert.Equal((1, "bpr", 5, 3, 8), ((long)v1!["version"]!, (string)v1["kind"]!, (int)v1["users"]!, (int)v1["items"]!, (int)v1["positives"]!));

        var feed = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/users/dan/feed?count=3")).Body!,
            f => (string)f["model"]! == "default-v1:bpr", "the feed on the bpr model");
        Assert.DoesNotContain("alien", FeedIds(feed)); // dan's own item
        Assert.Contains("aliens", FeedIds(feed));
    }

    [Fact]
    public async Task A_new_event_changes_the_next_feed()
    {
        await Http.TrainAsync();
        var before = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/users/eve/feed?count=3")).Body!,
            f => (string)f["model"]! == "default-v1:ease", "the feed on model v1");
        Assert.DoesNotContain(before["items"]!.AsArray(), i => ((string)i!["reason"]!).StartsWith("because you watched", StringComparison.Ordinal));

        Assert.Equal(200, (await Http.PostJsonAsync("/v1/events", new[] { Event("eve-2", "eve", "alien", "view") })).Status);
        var (_, after) = await Http.GetJsonAsync("/v1/users/eve/feed?count=3");
        Assert.DoesNotContain("alien", FeedIds(after!));
        Assert.Equal("aliens", FeedIds(after!)[0]);
        Assert.Equal("because you watched Alien", (string)after!["items"]![0]!["reason"]!);
    }

    [Fact]
    public async Task The_content_kind_ranks_by_the_catalog_tags()
    {
        var version = await Http.TrainAsync("content");
        Assert.Equal("content", (string)version!["kind"]!);

        // dan watched alien (scifi, horror). Tags in two or more items count: scifi (alien, aliens, memo), action (aliens,
        // heat). On the web channel (memo is e-mail only) aliens, which shares scifi, comes first.
        var feed = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/users/dan/feed?count=2&channel=web")).Body!,
            f => (string)f["model"]! == "default-v1:content", "the feed on the content model");
        Assert.Equal("aliens", FeedIds(feed)[0]);
    }

    [Fact]
    public async Task Jobs_are_followed_and_cancelled_over_http_and_the_registry_shows_window_metrics_device_and_checksum()
    {
        var job = await Http.RunJobAsync("itemknn");
        Assert.Equal(("succeeded", "done", 8, 8), ((string)job["status"]!, (string)job["phase"]!, (int)job["eventsRead"]!, (int)job["eventsInLog"]!));
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/models/jobs/no-such-job")).Status);
        Assert.Equal(404, (await Http.SendJsonAsync(HttpMethod.Delete, "/v1/models/jobs/no-such-job")).Status);
        var (cancelStatus, finished) = await Http.SendJsonAsync(HttpMethod.Delete, $"/v1/models/jobs/{(string)job["id"]!}");
        Assert.Equal((200, "succeeded"), (cancelStatus, (string)finished!["status"]!)); // a finished job stays as it was

        var (_, registry) = await Http.GetJsonAsync("/v1/models");
        var version = registry!["versions"]![0]!;
        Assert.Equal(("accepted", "cpu", 64), ((string)version["status"]!, (string)version["device"]!, ((string)version["sha256"]!).Length));
        Assert.Equal((1, 8), ((long)version["window"]!["firstSequence"]!, (long)version["window"]!["lastSequence"]!));
        Assert.Equal(0, (int)version["metrics"]!["heldOutUsers"]!); // nobody has three positives: no held-out sample
        Assert.Null(version["metrics"]!["auc"]);

        var feed = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/users/dan/feed?count=3")).Body!,
            f => (string)f["model"]! == "default-v1:itemknn", "the feed on model v1");
        Assert.Equal(("default", 1L, "itemknn"), ((string)feed["models"]![0]!["name"]!, (long)feed["models"]![0]!["version"]!, (string)feed["models"]![0]!["kind"]!));
        var silos = await Eventually.Get(async () => (await Http.GetJsonAsync("/v1/models")).Body!["silos"]!.AsArray(),
            s => s.Count == 1 && (long?)s[0]!["serving"] == 1, "the silo's report in the registry");
        Assert.Null(silos[0]!["refused"]);
    }

    [Fact]
    public async Task The_click_registry_answers_under_model_click_and_its_job_says_why_it_cannot_train_without_impressions()
    {
        var (badStatus, bad) = await Http.GetJsonAsync("/v1/models?model=nope");
        Assert.Equal(400, badStatus);
        Assert.Contains("model", bad!.ToJsonString());
        Assert.Equal(400, (await Http.PostJsonAsync("/v1/models/train?model=click&kind=ease", new { })).Status);

        var (status, started) = await Http.PostJsonAsync("/v1/models/train?kind=click", new { });
        Assert.Equal(202, status);
        var id = (string)started!["id"]!;
        var job = await Eventually.Get(async () => (await Http.GetJsonAsync($"/v1/models/jobs/{id}?model=click")).Body!,
            j => (string)j["status"]! is "failed" or "succeeded", "the click job ending");
        // The host registers the TorchSharp trainer and the ONNX loader: the job gets as far as the log, which has no impressions.
        Assert.Equal("failed", (string)job["status"]!);
        Assert.Contains("0 shown feeds", (string)job["reason"]!);
        var (_, registry) = await Http.GetJsonAsync("/v1/models?model=click");
        Assert.Equal("click", (string)registry!["name"]!);
        Assert.Empty(registry["versions"]!.AsArray());
    }
}
