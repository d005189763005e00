using System.Text;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>The HTTP API of a real running host (embedded default), started as its own process once for these tests.</summary>
public sealed class HttpApiFixture : IAsyncLifetime
{
    public TempDirectory Data { get; } = new();
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await SiloProcess.StartSqliteAsync(Data.Path);

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Data.Dispose();
    }
}

public sealed class HttpApiTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task Put_then_get_an_item_with_normalised_tags_and_zero_counters()
    {
        Assert.Equal(204, (await Http.PutJsonAsync("/v1/items/film-1", new { title = "Film", tags = new[] { "Drama", "drama" }, channels = new[] { "web" } })).Status);
        var (status, item) = await Http.GetJsonAsync("/v1/items/film-1");

        Assert.Equal(200, status);
        Assert.Equal("Film", (string)item!["title"]!);
        Assert.Equal(["drama"], item["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(0, item.Long("stats.clicks"));
        Assert.Equal(Math.Round(1.0 / 20, 6), item["stats"]!["smoothedCtr"]!.GetValue<double>());
    }

    [Fact]
    public async Task Unknown_item_is_404_and_a_bad_item_id_is_400()
    {
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/items/never-seen")).Status);
        var (status, problem) = await Http.PutJsonAsync("/v1/items/bad%20id", Item("x"));
        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["itemId"]);
    }

    [Fact]
    public async Task An_item_field_of_the_wrong_type_is_named_in_the_problem()
    {
        var (status, problem) = await Http.PutJsonAsync("/v1/items/typed", """{"title":"T","tags":"not-a-list"}""");
        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["tags"]);
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/items/typed")).Status);
    }

    [Fact]
    public async Task Bulk_items_store_the_good_ones_and_reject_the_bad_with_index_and_field()
    {
        var (status, body) = await Http.PostJsonAsync("/v1/items", """
            [{"itemId":"bulk-1","title":"A","tags":["x"]},
             {"itemId":"bulk 2","title":"B"},
             {"itemId":"bulk-3","tags":"x"},
             {"itemId":"bulk-4","title":"D","channels":["e mail"]}]
            """);

        Assert.Equal(200, status);
        Assert.Equal(1, body.Long("stored"));
        Assert.Equal([(1, "itemId"), (2, "tags"), (3, "channels[0]")],
            body!["rejected"]!.AsArray().Select(r => ((int)r!["index"]!, (string)r["field"]!)));
        Assert.Equal(200, (await Http.GetJsonAsync("/v1/items/bulk-1")).Status);
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/items/bulk-4")).Status);
    }

    [Fact]
    public async Task Events_answer_accepted_duplicates_rejected_and_unknown_items()
    {
        await Http.PutJsonAsync("/v1/items/ev-item", Item("E", "news"));
        var (status, body) = await Http.PostJsonAsync("/v1/events", $$"""
            [{"eventId":"h1","userId":"hu","itemId":"ev-item","type":"click","timestamp":"2026-11-01T10:00:00Z"},
             {"eventId":"h1","userId":"hu","itemId":"ev-item","type":"click","timestamp":"2026-11-01T10:00:00Z"},
             {"eventId":"h2","userId":"hu","itemId":"ev-item","type":"dwell","timestamp":1762000000},
             {"eventId":"h3","userId":"hu","itemId":"ev-item","type":"view","timestamp":"{{DateTimeOffset.UtcNow.AddHours(1):O}}"},
             {"eventId":"h4","userId":"hu","itemId":"ev-item","type":"view","timestamp":"2026-11-01T10:00:00Z","dwellSeconds":"long"},
             "not an object",
             {"eventId":"h5","userId":"hu","itemId":"ghost-item","type":"share","timestamp":"2026-11-01T10:00:00Z"}]
            """);

        Assert.Equal(200, status);
        Assert.Equal((2, 1, 1), (body.Long("accepted"), body.Long("duplicates"), body.Long("unknownItems")));
        var rejected = body!["rejected"]!.AsArray().Select(r => ((int)r!["index"]!, (string)r["field"]!, (string)r["reason"]!)).ToList();
        Assert.Equal([2, 3, 4, 5], rejected.Select(r => r.Item1));
        Assert.Equal(("dwellSeconds", "is required for a dwell event"), (rejected[0].Item2, rejected[0].Item3));
        Assert.Equal(("timestamp", "is more than 5 minutes in the future"), (rejected[1].Item2, rejected[1].Item3));
        Assert.Equal(("dwellSeconds", "must be a number, got string"), (rejected[2].Item2, rejected[2].Item3));
        Assert.Equal("event", rejected[3].Item2);
        Assert.Equal(1, (await Http.GetJsonAsync("/v1/items/ev-item")).Body.Long("stats.clicks"));
    }

    [Fact]
    public async Task Malformed_json_and_non_array_bodies_are_400_problems_and_store_nothing()
    {
        var (status, problem) = await Http.PostJsonAsync("/v1/events", """[{"eventId":"m1","userId":"mu","itemId":"x","type":"click",""");
        Assert.Equal(400, status);
        Assert.Contains("not valid JSON", (string)problem!["detail"]!);
        Assert.Equal(400, (await Http.PostJsonAsync("/v1/events", """{"eventId":"m2"}""")).Status);
        Assert.False((await Http.GetJsonAsync("/v1/users/mu/profile")).Body!["eventCounts"]!.AsObject().Count > 0);
    }

    [Fact]
    public async Task Over_10000_events_or_an_over_large_body_is_413()
    {
        var many = Enumerable.Range(0, 10_001).Select(i => Event($"big-{i}", "big", "x")).ToArray();
        Assert.Equal(413, (await Http.PostJsonAsync("/v1/events", many)).Status);

        var huge = new StringBuilder("[");
        var text = new string('a', 4000);
        for (var i = 0; i < 17_000; i++) huge.Append($$"""{"eventId":"t{{i}}","userId":"big","itemId":"x","type":"view","text":"{{text}}"},""");
        huge.Append("{}]");
        // With Expect: 100-continue the client sends the body only if the server wants it; a 413 answers first.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new StringContent(huge.ToString(), Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await Http.SendAsync(request);
        Assert.Equal(413, (int)response.StatusCode);
        Assert.Empty((await Http.GetJsonAsync("/v1/users/big/profile")).Body!["eventCounts"]!.AsObject());
    }

    [Fact]
    public async Task An_item_body_over_its_own_limit_is_413_and_nothing_is_stored()
    {
        var body = $$"""{"title":"Big","text":"{{new string('a', 1_100_000)}}"}""";
        // Expect: 100-continue, as for events: the 413 answers before the upload, so the client is not cut off mid-send.
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/items/too-big") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await Http.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Contains("larger than 1048576 bytes", await response.Content.ReadAsStringAsync());
        Assert.Equal(404, (await Http.GetJsonAsync("/v1/items/too-big")).Status);
    }

    [Fact]
    public async Task The_feed_changes_on_the_very_next_call_after_an_event()
    {
        await Http.PostJsonAsync("/v1/items", new object[]
        {
            new { itemId = "f-jazz-1", title = "J1", tags = new[] { "jazz" } },
            new { itemId = "f-jazz-2", title = "J2", tags = new[] { "jazz" } },
            new { itemId = "f-rock-1", title = "R1", tags = new[] { "rock" } },
        });
        // The silo that stored the items serves them in its very next feed (others within the catalog refresh, 1 s).
        var (_, before) = await Http.GetJsonAsync("/v1/users/listener/feed?count=50");
        Assert.Contains("f-jazz-1", FeedIds(before!));

        await Http.PostJsonAsync("/v1/events", new[] { Event("lj1", "listener", "f-jazz-1", "like") });
        var (status, after) = await Http.GetJsonAsync("/v1/users/listener/feed?count=50");

        Assert.Equal(200, status);
        Assert.Equal("listener", (string)after!["userId"]!);
        Assert.DoesNotContain("f-jazz-1", FeedIds(after));
        Assert.Equal("f-jazz-2", FeedIds(after)[0]);
        Assert.Equal("matches your interest in jazz", (string)after["items"]![0]!["reason"]!);
        Assert.Equal("heuristic-v1", (string)after["model"]!);
    }

    [Fact]
    public async Task Feed_parameters_are_validated()
    {
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/users/u/feed?count=0")).Status);
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/users/u/feed?count=501")).Status);
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/users/u/feed?channel=bad%20channel")).Status);
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/users/bad%20user/profile")).Status);
    }

    [Fact]
    public async Task A_section_feed_holds_only_what_its_filter_lets_in_and_a_bad_filter_is_named()
    {
        await Http.PostJsonAsync("/v1/items", new object[]
        {
            new { itemId = "s-scifi-1", title = "S1", tags = new[] { "s-scifi" }, format = "video" },
            new { itemId = "s-scifi-2", title = "S2", tags = new[] { "s-scifi" }, format = "video" },
            new { itemId = "s-kids-1", title = "K1", tags = new[] { "s-kids" }, format = "video" },
            new { itemId = "s-kids-2", title = "K2", tags = new[] { "s-kids", "s-scifi" }, format = "Video" },
            new { itemId = "s-kids-3", title = "K3", tags = new[] { "s-kids" }, format = "article" },
            new { itemId = "s-kids-4", title = "K4", tags = new[] { "s-kids", "s-horror" }, format = "video" },
        });
        await Http.PostJsonAsync("/v1/events", new[] { Event("sf1", "section-reader", "s-scifi-1", "like") });

        // A reader of scifi asks for the kids section's videos without horror: only those, though they never read one.
        var (status, feed) = await Http.GetJsonAsync("/v1/users/section-reader/feed?count=50&tags=S-Kids&excludeTags=s-horror&formats=video");
        Assert.Equal(200, status);
        Assert.Equal(["s-kids-1", "s-kids-2"], FeedIds(feed!).Order());
        Assert.Contains("s-scifi-2", FeedIds((await Http.GetJsonAsync("/v1/users/section-reader/feed?count=50")).Body!));
        // Trending in the section: the only one of its items with events (and a 400 for a bad filter, as for the feed).
        await Http.PostJsonAsync("/v1/events", new[] { Event("sk1", "someone", "s-kids-2", "view"), Event("sk2", "someone", "s-kids-4", "view") });
        var trending = await Eventually.Get(() => Http.GetJsonAsync("/v1/trending?count=50&tags=s-kids&excludeTags=s-horror"),
            r => FeedIds(r.Body!).Length > 0, "the section's trending after its views reach the catalog", 30_000);
        Assert.Equal(["s-kids-2"], FeedIds(trending.Body!));
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/trending?formats=bad%20format")).Status);

        var (emptyValue, problem) = await Http.GetJsonAsync("/v1/users/section-reader/feed?tags=s-kids,,s-scifi");
        Assert.Equal(400, emptyValue);
        Assert.Contains("tags must not hold an empty value", (string)problem!["detail"]!);
        var (both, contradiction) = await Http.GetJsonAsync("/v1/users/section-reader/feed?tags=s-kids&excludeTags=S-KIDS");
        Assert.Equal(400, both);
        Assert.Contains("excludeTags 's-kids' is also in tags", (string)contradiction!["detail"]!);
    }

    [Fact]
    public async Task The_profile_shows_counts_interests_and_recent_history()
    {
        await Http.PutJsonAsync("/v1/items/p-item", Item("P", "Cooking"));
        await Http.PostJsonAsync("/v1/events", new[] { Event("p1", "cook", "p-item", "view"), Event("p2", "cook", "p-item", "share") });
        var profile = (await Http.GetJsonAsync("/v1/users/cook/profile")).Body!;

        Assert.Equal(1, profile.Long("eventCounts.share"));
        Assert.InRange(profile["interests"]!["cooking"]!.GetValue<double>(), 4.99, 5.0);
        Assert.Equal(2, profile["recent"]!.AsArray().Count);
        Assert.Equal("p-item", (string)profile["recent"]![0]!["itemId"]!);
    }

    [Fact]
    public async Task Health_openapi_and_dashboard_are_served()
    {
        foreach (var health in new[] { "/health/live", "/health/ready" })
        {
            using var response = await Http.GetAsync(health);
            Assert.Equal((200, "Healthy"), ((int)response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        var openApi = (await Http.GetJsonAsync("/openapi/v1.json")).Body!;
        foreach (var path in new[] { "/v1/events", "/v1/items/{itemId}", "/v1/items", "/v1/users/{userId}/feed", "/v1/users/{userId}/profile" })
            Assert.NotNull(openApi["paths"]![path]);
        using var dashboard = await Http.GetAsync("/dashboard/");
        Assert.Equal(200, (int)dashboard.StatusCode);
        Assert.Contains("<html", await dashboard.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("GET", "/v1/users/u1/feed?count=abc", null, null, 400, "count must be a whole number; got \"abc\"")]
    [InlineData("GET", "/v1/no-such-route", null, null, 404, "no route GET /v1/no-such-route")]
    [InlineData("DELETE", "/v1/users/u1/feed", null, null, 405, "does not take DELETE")]
    [InlineData("PUT", "/v1/models/champion", "text/plain", "x", 415, "Content-Type: application/json")]
    [InlineData("PUT", "/v1/models/champion", "application/json", "{\"version\":\"x\"}", 400, "version has the wrong type")]
    public async Task Every_refused_request_gets_a_problem_body_that_says_what_to_send(
        string method, string path, string? contentType, string? body, int status, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, (string?)System.Text.Json.Nodes.JsonNode.Parse(text)!["detail"]);
        Assert.DoesNotContain("ContentGrains.", text); // no .NET type names
        Assert.DoesNotContain("Nullable", text);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_api_only_and_states_the_count_limits()
    {
        var (status, document) = await Http.GetJsonAsync("/openapi/v1.json");

        Assert.Equal(200, status);
        var paths = document!["paths"]!.AsObject();
        Assert.DoesNotContain(paths, p => p.Key.StartsWith("/dashboard", StringComparison.Ordinal));
        var count = paths["/v1/users/{userId}/feed"]!["get"]!["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "count")!;
        Assert.Equal(1, (int)count["schema"]!["minimum"]!);
        Assert.Equal(500, (int)count["schema"]!["maximum"]!);
    }

    [Fact]
    public async Task Unknown_fields_are_stored_without_and_named_as_warnings()
    {
        var (put, putBody) = await Http.PutJsonAsync("/v1/items/warn-1", new { title = "Typo", tag = new[] { "drama" } });
        Assert.Equal(200, put);
        var warning = putBody!["warnings"]!.AsArray().Single()!;
        Assert.Equal("tag", (string)warning["field"]!);
        Assert.Contains("tags", (string)warning["reason"]!); // the fields it could have meant

        var (bulk, bulkBody) = await Http.PostJsonAsync("/v1/items", new object[] { new { itemId = "warn-2", title = "Ok" }, new { itemId = "warn-3", titel = "Typo" } });
        Assert.Equal(200, bulk);
        Assert.Equal(2, (int)bulkBody!["stored"]!);
        Assert.Equal((1, "titel"), ((int)bulkBody["warnings"]![0]!["index"]!, (string)bulkBody["warnings"]![0]!["field"]!));

        var (events, eventsBody) = await Http.PostJsonAsync("/v1/events", new object[]
        {
            new { eventId = "warn-e1", userId = "warn-u", itemId = "warn-1", type = "click", timestamp = "2026-01-01T00:00:00Z", chanel = "web" },
        });
        Assert.Equal(200, events);
        Assert.Equal(1, (int)eventsBody!["accepted"]!);
        Assert.Equal("chanel", (string)eventsBody["warnings"]![0]!["field"]!);

        var (clean, cleanBody) = await Http.PutJsonAsync("/v1/items/warn-4", new { title = "Clean", tags = new[] { "drama" } });
        Assert.Equal(204, clean);
        Assert.Null(cleanBody);
    }
}
