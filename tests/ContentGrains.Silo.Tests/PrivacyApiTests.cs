using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// The privacy routes on the real silo process with three keys, one scope each: who may call what (a read key neither
/// deletes nor exports), an export of a history longer than one page, a deletion that the audit records by key name and
/// hashed id, and nothing of the person after a restart but their re-sent events counted as new.
/// </summary>
public sealed class PrivacyApiTests : IDisposable
{
    private const string IngestKey = "privacy-ingest-key-0123";
    private const string ReadKey = "privacy-read-key-0123";
    private const string AdminKey = "privacy-admin-key-0123";
    private const string Person = "http-gone-41c2";
    private readonly TempDirectory data = new();
    public void Dispose() => data.Dispose();

    private Task<SiloProcess> StartAsync() => SiloProcess.StartSqliteAsync(data.Path,
    [
        .. ApiKeyArgs.Entry(0, "web", IngestKey, "ingest"),
        .. ApiKeyArgs.Entry(1, "app", ReadKey, "read"),
        .. ApiKeyArgs.Entry(2, "ops", AdminKey, "admin"),
    ]);

    /// <summary>The person's history: more events than one export page (1,000) holds.</summary>
    private static readonly object[] History = Enumerable.Range(0, 2_500)
        .Select(i => Event($"h{i:D4}", Person, $"hi{i % 3}", i % 2 == 0 ? "impression" : "view")).ToArray();

    [Fact]
    public async Task Delete_and_export_need_admin_the_export_streams_every_event_and_a_restart_brings_nothing_back()
    {
        await using (var silo = await StartAsync())
        {
            var http = silo.Http;
            Assert.Equal(204, await StatusAsync(http, HttpMethod.Put, "/v1/items/hi0", IngestKey, Item("Zero", "golf")));
            var (_, accepted) = await SendAsync(http, HttpMethod.Post, "/v1/events", IngestKey, History);
            Assert.Equal(2_500, accepted.Long("accepted"));
            Assert.Equal(1, (await SendAsync(http, HttpMethod.Post, "/v1/events", IngestKey, new[] { Event("k1", "http-kept", "hi0", "click") })).Body.Long("accepted"));

            // Scopes: the read key sees consent but neither deletes nor exports; the ingest key sets consent.
            Assert.Equal(403, await StatusAsync(http, HttpMethod.Delete, $"/v1/users/{Person}", ReadKey));
            Assert.Equal(403, await StatusAsync(http, HttpMethod.Delete, $"/v1/users/{Person}", IngestKey));
            Assert.Equal(403, await StatusAsync(http, HttpMethod.Get, $"/v1/users/{Person}/export", ReadKey));
            Assert.Equal(403, await StatusAsync(http, HttpMethod.Get, "/v1/privacy/audit", ReadKey));
            Assert.Equal(403, await StatusAsync(http, HttpMethod.Put, $"/v1/users/{Person}/consent", ReadKey, new { personalisation = true, tracking = true }));
            Assert.Equal(200, await StatusAsync(http, HttpMethod.Get, $"/v1/users/{Person}/consent", ReadKey));

            var export = (await SendAsync(http, HttpMethod.Get, $"/v1/users/{Person}/export", AdminKey)).Body!;
            Assert.Equal(Person, (string?)export["userId"]);
            Assert.Equal((1_250L, 1_250L), (export.Long("profile.eventCounts.impression"), export.Long("profile.eventCounts.view")));
            Assert.Equal(2_500, export.Long("eventCount"));
            var ids = export["events"]!.AsArray().Select(e => (string)e!["eventId"]!).ToList();
            Assert.Equal(History.Length, ids.Count);
            Assert.Equal(ids.Order(StringComparer.Ordinal), ids); // log order, every page once
            Assert.True((bool)export["consent"]!["tracking"]!);
            Assert.Equal("UTC", (string?)export["settings"]!["timeZone"]);

            var (status, erased) = await SendAsync(http, HttpMethod.Delete, $"/v1/users/{Person}", AdminKey);
            Assert.Equal(200, status);
            Assert.Equal(2_500, erased.Long("eventsErased"));
            Assert.Contains("new person", (string?)erased!["note"]);

            var audit = (await SendAsync(http, HttpMethod.Get, "/v1/privacy/audit", AdminKey)).Body!.AsArray();
            var deletion = Assert.Single(audit, a => (string?)a!["action"] == "delete")!;
            Assert.Equal(("ops", Sha256Hex(Person)), ((string?)deletion["keyName"], (string?)deletion["personSha256"]));
            Assert.Contains(audit, a => (string?)a!["action"] == "export" && (string?)a["keyName"] == "ops");
            Assert.DoesNotContain(Person, audit.ToJsonString()); // the audit names nobody
            Assert.Equal(0, (await SendAsync(http, HttpMethod.Get, $"/v1/users/{Person}/export", AdminKey)).Body.Long("eventCount"));
        }

        await using (var restarted = await StartAsync())
        {
            var http = restarted.Http;
            var export = (await SendAsync(http, HttpMethod.Get, $"/v1/users/{Person}/export", AdminKey)).Body!;
            Assert.Equal(0, export.Long("eventCount"));
            Assert.Empty(export["profile"]!["eventCounts"]!.AsObject());
            Assert.Equal(1, (await SendAsync(http, HttpMethod.Get, "/v1/users/http-kept/profile", ReadKey)).Body.Long("eventCounts.click"));
            var (_, again) = await SendAsync(http, HttpMethod.Post, "/v1/events", IngestKey, History[..10]);
            Assert.Equal((10L, 0L), (again.Long("accepted"), again.Long("duplicates"))); // the dedupe entries went with the rows
        }
    }

    [Fact]
    public async Task Consent_names_a_missing_field_warns_of_an_unknown_one_and_withdrawn_tracking_refuses_events()
    {
        await using var silo = await StartAsync();
        var http = silo.Http;
        var (missing, problem) = await SendAsync(http, HttpMethod.Put, "/v1/users/c-person/consent", IngestKey, new { personalisation = true });
        Assert.Equal(400, missing);
        Assert.Contains("tracking", (string?)problem!["detail"]);

        var (ok, consent) = await SendAsync(http, HttpMethod.Put, "/v1/users/c-person/consent", IngestKey, new { personalisation = true, tracking = false, trackng = 1 });
        Assert.Equal(200, ok);
        Assert.False((bool)consent!["tracking"]!);
        Assert.Equal("trackng", (string?)consent["warnings"]![0]!["field"]);

        var (_, result) = await SendAsync(http, HttpMethod.Post, "/v1/events", IngestKey, new[] { Event("c1", "c-person", "hi0"), Event("c2", "other", "hi0") });
        Assert.Equal(1, result.Long("accepted"));
        var rejected = Assert.Single(result!["rejected"]!.AsArray())!;
        Assert.Equal((0L, "userId"), (rejected.Long("index"), (string?)rejected["field"]));
        Assert.Contains("withdrawn consent to tracking", (string?)rejected["reason"]);
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static async Task<(int Status, JsonNode? Body)> SendAsync(HttpClient http, HttpMethod method, string path, string key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", key);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static async Task<int> StatusAsync(HttpClient http, HttpMethod method, string path, string key, object? body = null) =>
        (await SendAsync(http, method, path, key, body)).Status;
}
