using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// One real silo with three keys, one scope each: every scope tried with GET, POST, PUT and DELETE on representative
/// routes. 401 without a key or with an unknown one, 403 with a key lacking the route's scope, and both name the scope.
/// </summary>
public sealed class ApiKeyTests
{
    private const string IngestKey = "ingest-key-0123456789";
    private const string ReadKey = "read-key-0123456789";
    private const string AdminKey = "admin-key-0123456789";
    private const string MetricsKey = "metrics-key-0123456789";

    [Fact]
    public async Task Each_key_reaches_only_the_routes_of_its_scopes()
    {
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartSqliteAsync(data.Path,
        [
            .. ApiKeyArgs.Entry(0, "web", IngestKey, "ingest"),
            .. ApiKeyArgs.Entry(1, "app", ReadKey, "read"),
            .. ApiKeyArgs.Entry(2, "ops", AdminKey, "admin"),
            .. ApiKeyArgs.Entry(3, "prometheus", MetricsKey, "metrics"),
        ]);
        var http = silo.Http;

        // ingest: writes items and events; cannot read, train, change the champion or open the dashboard.
        Assert.Equal(204, await StatusAsync(http, HttpMethod.Put, "/v1/items/a1", IngestKey, new { title = "Alpha", tags = new[] { "x" } }));
        var events = new[] { new { eventId = "e1", userId = "u1", itemId = "a1", type = "click", timestamp = DateTimeOffset.UtcNow } };
        using (var ingested = await http.SendAsync(Request(HttpMethod.Post, "/v1/events", IngestKey, events)))
            Assert.Equal(1L, (long?)(await ingested.Content.ReadFromJsonAsync<JsonNode>())!["accepted"]);
        await AssertDeniedAsync(http, HttpMethod.Get, "/v1/items/a1", IngestKey, 403, "read");
        await AssertDeniedAsync(http, HttpMethod.Post, "/v1/models/train", IngestKey, 403, "admin");
        await AssertDeniedAsync(http, HttpMethod.Delete, "/v1/models/champion/pin", IngestKey, 403, "admin");
        await AssertDeniedAsync(http, HttpMethod.Get, "/dashboard/", IngestKey, 403, "admin");

        // read: reads what ingest wrote; cannot ingest, train or delete.
        var item = await http.SendAsync(Request(HttpMethod.Get, "/v1/items/a1", ReadKey));
        Assert.Equal(200, (int)item.StatusCode);
        Assert.Equal("Alpha", (string?)(await item.Content.ReadFromJsonAsync<JsonNode>())!["title"]);
        await AssertDeniedAsync(http, HttpMethod.Post, "/v1/events", ReadKey, 403, "ingest");
        await AssertDeniedAsync(http, HttpMethod.Put, "/v1/items/a2", ReadKey, 403, "ingest");
        await AssertDeniedAsync(http, HttpMethod.Post, "/v1/models/train", ReadKey, 403, "admin");
        await AssertDeniedAsync(http, HttpMethod.Delete, "/v1/models/jobs/none", ReadKey, 403, "admin");

        // admin: past the key check on training, experiments, channels and deletion (the handlers answer); the scopes
        // are independent, so an admin-only key does not ingest.
        Assert.Equal(400, await StatusAsync(http, HttpMethod.Post, "/v1/models/train?kind=no-such-kind", AdminKey));
        Assert.Equal(400, await StatusAsync(http, HttpMethod.Post, "/v1/experiments", AdminKey, new { }));
        Assert.Equal(404, await StatusAsync(http, HttpMethod.Delete, "/v1/models/jobs/no-such-job", AdminKey));
        Assert.Equal(200, await StatusAsync(http, HttpMethod.Get, "/dashboard/", AdminKey));
        await AssertDeniedAsync(http, HttpMethod.Post, "/v1/events", AdminKey, 403, "ingest");

        // no key, or a key nobody configured: 401; health and the OpenAPI document stay open.
        await AssertDeniedAsync(http, HttpMethod.Get, "/v1/trending", null, 401, "read");
        await AssertDeniedAsync(http, HttpMethod.Post, "/v1/events", "wrong-key", 401, "ingest");
        await AssertDeniedAsync(http, HttpMethod.Put, "/v1/channels/c1", null, 401, "admin");
        await AssertDeniedAsync(http, HttpMethod.Delete, "/v1/models/champion/pin", "wrong-key", 401, "admin");
        Assert.Equal(200, await StatusAsync(http, HttpMethod.Get, "/health/ready", null));
        Assert.Equal(200, await StatusAsync(http, HttpMethod.Get, "/openapi/v1.json", null));

        // metrics: the scrape only, with the key as Prometheus sends it (Authorization: Bearer); nothing else.
        using (var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MetricsKey);
            using var scraped = await http.SendAsync(scrape);
            Assert.Equal(200, (int)scraped.StatusCode);
            Assert.Contains("contentgrains_events_accepted_total", await scraped.Content.ReadAsStringAsync());
        }
        await AssertDeniedAsync(http, HttpMethod.Get, "/metrics", null, 401, "metrics");
        await AssertDeniedAsync(http, HttpMethod.Get, "/metrics", AdminKey, 403, "metrics");
        await AssertDeniedAsync(http, HttpMethod.Get, "/v1/trending", MetricsKey, 403, "read");
    }

    [Fact]
    public async Task The_dashboard_opened_once_with_the_key_keeps_it_in_a_strict_http_only_cookie()
    {
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartSqliteAsync(data.Path, ApiKeyArgs.Entry(0, "ops", AdminKey, "admin", "read"));
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = silo.Http.BaseAddress };

        using var first = await browser.GetAsync($"/dashboard/?apiKey={AdminKey}");
        Assert.Equal(200, (int)first.StatusCode);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.DoesNotContain("secure", cookie); // plain HTTP here; Secure is set when the request is HTTPS
        Assert.Equal(200, (int)(await browser.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(401, (int)(await browser.GetAsync("/v1/trending")).StatusCode); // the cookie is the dashboard's only
        using var stranger = new HttpClient { BaseAddress = silo.Http.BaseAddress };
        Assert.Equal(401, (int)(await stranger.GetAsync("/dashboard/?apiKey=wrong-key")).StatusCode);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    private static async Task<int> StatusAsync(HttpClient http, HttpMethod method, string path, string? key, object? body = null)
    {
        using var response = await http.SendAsync(Request(method, path, key, body));
        return (int)response.StatusCode;
    }

    private static async Task AssertDeniedAsync(HttpClient http, HttpMethod method, string path, string? key, int status, string scope)
    {
        using var response = await http.SendAsync(Request(method, path, key, method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { }));
        Assert.True(status == (int)response.StatusCode, $"{method} {path}: expected {status}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal(scope, (string?)problem!["scope"]);
        Assert.Contains($"'{scope}'", (string?)problem["detail"]);
    }
}
