using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// Tenants on a real silo (SQLite): keys of tenants a and b, every scope each. Tenant a writes items, events, settings,
/// consent, a headline test, mined rules and a running experiment; then b, with the same ids, tries every route the
/// OpenAPI document lists: b sees nothing of a's (404, empty, its own fresh state), and a's data is unchanged after b's
/// writes. A route with no case here must be named in <see cref="KnownGaps"/> with the reason, or the test fails.
/// </summary>
public sealed partial class TenantIsolationTests
{
    private const string KeyA = "tenant-a-key-0123456789";
    private const string KeyB = "tenant-b-key-0123456789";
    private const string DefaultKey = "default-tenant-key-0123456789";
    private const string KeyAReader = "tenant-a-reader-key-0123456789";
    private static readonly string[] Scopes = ["read", "ingest", "admin"];

    private const string Text =
        "A violent storm hit the harbour town on Monday night. Waves flooded the harbour and wrecked dozens of fishing boats. " +
        "The storm's winds tore roofs off houses along the harbour front. Separately, the city council approved a new budget for its parks department.";

    /// <summary>
    /// Routes not partitioned by tenant yet, or partitioned without a case that could tell (README, "Tenants", its Limits).
    /// Install-wide jobs and singletons are keyed by a fixed name, not by the tenant.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> KnownGaps = new Dictionary<string, string>
    {
    };

    [Fact]
    public async Task Every_route_has_a_cross_tenant_case_or_is_a_named_known_gap_and_b_sees_nothing_of_a()
    {
        using var data = new TempDirectory();
        await using var silo = await StartAsync(data.Path);
        using var a = silo.WithKey(KeyA);
        using var b = silo.WithKey(KeyB);
        await SeedTenantAAsync(a);
        using var emptyFolder = new TempDirectory();

        // a's models are made when the first model case runs, after the other cases (a's comments would change their counts).
        var modelSeed = new Lazy<Task<ModelSeed>>(() => SeedTenantAModelsAsync(a, emptyFolder.Path));
        List<KeyValuePair<string, Func<Task>>> cases = [.. CasesInOrder(a, b), .. ModelCasesInOrder(a, b, () => modelSeed.Value)];
        var covered = cases.Select(c => c.Key).ToHashSet();
        Assert.Equal(cases.Count, covered.Count);
        var routes = await OpenApiRoutesAsync(silo.Http);
        var uncovered = routes.Where(r => !covered.Contains(r) && !KnownGaps.ContainsKey(r)).ToList();
        Assert.True(uncovered.Count == 0, "routes with neither a cross-tenant case nor a known gap: " + string.Join(", ", uncovered));
        var stale = KnownGaps.Keys.Where(covered.Contains).Concat(covered.Where(r => !routes.Contains(r))).ToList();
        Assert.True(stale.Count == 0, "routes both covered and a known gap, or covered but not in the OpenAPI document: " + string.Join(", ", stale));

        // In the order written: b's reads, then b's writes (each checks a is unchanged), so no write of b's feeds a read of b's.
        foreach (var (route, check) in cases)
        {
            try { await check(); }
            catch (Exception error) { throw new Xunit.Sdk.XunitException($"{route}: {error.Message}"); }
        }
    }

    [Fact]
    public async Task The_same_person_in_two_tenants_has_two_profiles_and_feeds_and_a_deletion_in_one_spares_the_other()
    {
        using var data = new TempDirectory();
        await using var silo = await StartAsync(data.Path);
        using var a = silo.WithKey(KeyA);
        using var b = silo.WithKey(KeyB);
        foreach (var (client, item) in new[] { (a, "a-only"), (b, "b-only") })
        {
            Assert.Equal(204, (await client.PutJsonAsync($"/v1/items/{item}", Item(item, "news"))).Status);
            Assert.Equal(204, (await client.PutJsonAsync("/v1/items/shared-id", Item("shared " + item, "news"))).Status);
        }
        // The same event ids in both tenants: each tenant's log holds its own (dedupe is per tenant).
        Assert.Equal(2, (int)(await a.PostJsonAsync("/v1/events", new[] { Event("e1", "sam", "shared-id", "view"), Event("e2", "sam", "shared-id", "like") })).Body!["accepted"]!);
        Assert.Equal(1, (int)(await b.PostJsonAsync("/v1/events", new[] { Event("e1", "sam", "shared-id", "click") })).Body!["accepted"]!);
        Assert.Equal(1, (int)(await b.PostJsonAsync("/v1/events", new[] { Event("e1", "sam", "shared-id", "click") })).Body!["duplicates"]!);

        var profileA = (await a.GetJsonAsync("/v1/users/sam/profile")).Body!;
        var profileB = (await b.GetJsonAsync("/v1/users/sam/profile")).Body!;
        Assert.Equal("sam", (string)profileA["userId"]!);
        Assert.Equal((1L, 1L, null), (profileA.Long("eventCounts.view"), profileA.Long("eventCounts.like"), profileA["eventCounts"]!["click"]));
        Assert.Equal((1L, null, null), (profileB.Long("eventCounts.click"), profileB["eventCounts"]!["view"], profileB["eventCounts"]!["like"]));
        Assert.Equal(["shared-id"], profileB["recent"]!.AsArray().Select(r => (string)r!["itemId"]!).ToArray());

        var feedA = await Eventually.Get(async () => FeedIds((await a.GetJsonAsync("/v1/users/sam/feed?count=10")).Body!),
            ids => ids.Contains("a-only"), "tenant a's items in a's feed");
        var feedB = await Eventually.Get(async () => FeedIds((await b.GetJsonAsync("/v1/users/sam/feed?count=10")).Body!),
            ids => ids.Contains("b-only"), "tenant b's items in b's feed");
        Assert.DoesNotContain("b-only", feedA);
        Assert.DoesNotContain("a-only", feedB);

        var erased = (await b.SendJsonAsync(HttpMethod.Delete, "/v1/users/sam")).Body!;
        Assert.Equal(("sam", 1L), ((string)erased["userId"]!, erased.Long("eventsErased")));
        Assert.Empty((await b.GetJsonAsync("/v1/users/sam/profile")).Body!["eventCounts"]!.AsObject());
        var export = (await a.GetJsonAsync("/v1/users/sam/export")).Body!;
        Assert.Equal(2, export.Long("eventCount"));
        Assert.Equal(["e1", "e2"], export["events"]!.AsArray().Select(e => (string)e!["eventId"]!).Order().ToArray());
        Assert.Equal(1, (await a.GetJsonAsync("/v1/users/sam/profile")).Body!.Long("eventCounts.view"));
    }

    [Fact]
    public async Task Data_stored_before_tenants_is_served_to_the_default_tenant_and_to_no_other()
    {
        using var data = new TempDirectory();
        await using (var before = await SiloProcess.StartSqliteAsync(data.Path, "--ContentGrains:Engine:CatalogRefresh=00:00:00"))
        {
            Assert.Equal(204, (await before.Http.PutJsonAsync("/v1/items/old-item", Item("Stored before tenants", "news"))).Status);
            Assert.Equal(1, (int)(await before.Http.PostJsonAsync("/v1/events", new[] { Event("old-e1", "old-user", "old-item", "like") })).Body!["accepted"]!);
            Assert.Equal(202, (await before.Http.PostJsonAsync("/v1/reports", new { })).Status);
            var stored = await Eventually.Get(() => before.Http.GetJsonAsync("/v1/reports/r1"), r => r.Status != 202, "the report stored before tenants", 60_000);
            Assert.True(stored.Status == 200, stored.Body?.ToJsonString());
            Assert.Equal(200, (await before.Http.PutJsonAsync("/v1/users/quiet-user/consent", new { personalisation = false, tracking = true })).Status);
        }

        await using var silo = await StartAsync(data.Path);
        using var owner = silo.WithKey(DefaultKey);
        using var a = silo.WithKey(KeyA);
        Assert.Equal("Stored before tenants", (string)(await owner.GetJsonAsync("/v1/items/old-item")).Body!["title"]!);
        Assert.Equal(1, (await owner.GetJsonAsync("/v1/users/old-user/profile")).Body!.Long("eventCounts.like"));
        Assert.Equal(1, (int)(await owner.PostJsonAsync("/v1/events", new[] { Event("old-e1", "old-user", "old-item", "like") })).Body!["duplicates"]!);
        Assert.Equal(404, (await a.GetJsonAsync("/v1/items/old-item")).Status);
        Assert.Empty((await a.GetJsonAsync("/v1/users/old-user/profile")).Body!["eventCounts"]!.AsObject());
        Assert.Equal(1, (int)(await a.PostJsonAsync("/v1/events", new[] { Event("old-e1", "old-user", "old-item", "like") })).Body!["accepted"]!);

        // The analysis jobs' state kept its keys: the default tenant's report and audit entry are the owner's, and no other tenant's.
        Assert.Equal(["r1"], (await owner.GetJsonAsync("/v1/reports")).Body!["reports"]!.AsArray().Select(r => (string)r!["id"]!));
        Assert.Equal(200, (await owner.GetJsonAsync("/v1/reports/r1")).Status);
        Assert.Empty((await a.GetJsonAsync("/v1/reports")).Body!["reports"]!.AsArray());
        Assert.Equal(404, (await a.GetJsonAsync("/v1/reports/r1")).Status);
        Assert.Contains("consent", (await owner.GetJsonAsync("/v1/privacy/audit")).Body!.AsArray().Select(e => (string)e!["action"]!));
        Assert.Empty((await a.GetJsonAsync("/v1/privacy/audit")).Body!.AsArray());
        Assert.Equal(200, (await owner.PostJsonAsync("/v1/privacy/retention/run", null)).Status); // the install's run is the default tenant's admin's
    }

    private static Task<SiloProcess> StartAsync(string dataDir) => SiloProcess.StartSqliteAsync(dataDir,
    [
        .. ApiKeyArgs.TenantEntry(0, "tenant-a", KeyA, "a", Scopes),
        .. ApiKeyArgs.TenantEntry(1, "tenant-b", KeyB, "b", Scopes),
        .. ApiKeyArgs.Entry(2, "owner", DefaultKey, Scopes),
        .. ApiKeyArgs.TenantEntry(3, "tenant-a-reader", KeyAReader, "a", "read"),
        "--ContentGrains:Engine:CatalogRefresh=00:00:00", "--ContentGrains:Engine:VariantRefresh=00:00:00",
        .. TenantAnalysisCases.SiloArgs,
    ]);


    private static object Story(params object[] variants) => new { title = "Storm over the harbour", text = Text, tags = new[] { "weather" }, variants };

    private static object Experiment(string id) => new
    {
        id,
        arms = new object[] { new { name = "control", weight = 1 }, new { name = "variant", weight = 1 } },
        metrics = new object[] { new { name = "clicks" } },
    };

    /// <summary>Tenant a's data, every piece checked as stored so that "b sees nothing" cannot pass on an empty engine.</summary>
    private static async Task SeedTenantAAsync(HttpClient a)
    {
        foreach (var (id, title) in new[] { ("alien", "Alien secret"), ("aliens", "Aliens secret"), ("heat", "Heat secret") })
            Assert.Equal(204, (await a.PutJsonAsync($"/v1/items/{id}", Item(title, "space"))).Status);
        Assert.Equal(204, (await a.PutJsonAsync("/v1/items/storm", Story(new { id = "plain", headline = "Storm" }, new { id = "hook", headline = "The storm nobody saw" }))).Status);
        Assert.Equal(8, (int)(await a.PostJsonAsync("/v1/events", AlienAudience())).Body!["accepted"]!);
        Assert.Equal(200, (await a.PutJsonAsync("/v1/users/ann/settings", new { timeZone = "Europe/Paris" })).Status);
        Assert.Equal(200, (await a.PutJsonAsync("/v1/users/zoe/consent", new { personalisation = false, tracking = false })).Status);
        Assert.Equal(200, (await a.PostJsonAsync("/v1/rules/mine", new { })).Status);
        await Eventually.Get(async () => (await a.GetJsonAsync("/v1/items/alien/also")).Body!, also => also["rules"]!.AsArray().Count == 1, "a's mined rule");
        Assert.Equal(201, (await a.PostJsonAsync("/v1/experiments", Experiment("launch"))).Status);
        Assert.Equal(200, (await a.PostJsonAsync("/v1/experiments/launch/start", null)).Status);
        Assert.Equal(200, (await a.PostJsonAsync("/v1/experiments/launch/assign", new { userId = "ann" })).Status);
        // No quiet hours (start = end): the send below is at the wall clock's now, which the default 22:00-08:00 refuses.
        Assert.Equal(200, (await a.PutJsonAsync("/v1/channels/email", new { capPerDay = 2, capPerWeek = 5, quietStartHour = 0, quietEndHour = 0 })).Status);
        var sent = new { eventId = "ivy-imp", userId = "ivy", itemId = "heat", type = "impression", timestamp = DateTimeOffset.UtcNow.AddHours(-2).ToString("O"), channel = "email" };
        Assert.Equal(1, (int)(await a.PostJsonAsync("/v1/events", new[] { sent })).Body!["accepted"]!);
    }

    /// <summary>"METHOD /template" of every operation in the OpenAPI document.</summary>
    private static async Task<HashSet<string>> OpenApiRoutesAsync(HttpClient http)
    {
        var paths = (await http.GetJsonAsync("/openapi/v1.json")).Body!["paths"]!.AsObject();
        return paths.SelectMany(p => p.Value!.AsObject().Where(op => op.Key is "get" or "post" or "put" or "delete")
            .Select(op => $"{op.Key.ToUpperInvariant()} {p.Key}")).ToHashSet();
    }

    private static async Task<int> StatusAsync(HttpClient http, HttpMethod method, string path, object? body = null) =>
        (await http.SendJsonAsync(method, path, body)).Status;

    private static async Task<JsonNode> OkAsync(HttpClient http, string path)
    {
        var (status, body) = await http.GetJsonAsync(path);
        Assert.True(status == 200, $"GET {path}: {status} {body?.ToJsonString()}");
        return body!;
    }

    /// <summary>One case per route, run in this order: b's reads first, then b's writes.</summary>
    private static List<KeyValuePair<string, Func<Task>>> CasesInOrder(HttpClient a, HttpClient b) =>
    [
        new("GET /v1/items/{itemId}", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, "/v1/items/alien"));
            Assert.Equal(("alien", "Alien secret"), ((string)(await OkAsync(a, "/v1/items/alien"))["itemId"]!, (string)(await OkAsync(a, "/v1/items/alien"))["title"]!));
        }),
        new("GET /v1/users/{userId}/feed", async () =>
        {
            Assert.Empty(FeedIds(await OkAsync(b, "/v1/users/ann/feed?count=20"))); // b has no items: a global catalog would serve a's
            var feedA = await OkAsync(a, "/v1/users/bob/feed?count=20");
            Assert.Equal("bob", (string)feedA["userId"]!);
            Assert.Subset(new HashSet<string> { "alien", "aliens", "heat", "storm" }, FeedIds(feedA).ToHashSet());
            Assert.NotEmpty(FeedIds(feedA));
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, "/v1/users/ann/feed?experiment=launch"));
            Assert.Equal("launch", (string)(await OkAsync(a, "/v1/users/ann/feed?experiment=launch"))["experiment"]!);
        }),
        new("GET /v1/users/{userId}/profile", async () =>
        {
            var profile = await OkAsync(b, "/v1/users/ann/profile");
            Assert.Equal("ann", (string)profile["userId"]!);
            Assert.Empty(profile["eventCounts"]!.AsObject());
            Assert.Empty(profile["recent"]!.AsArray());
            var profileA = await OkAsync(a, "/v1/users/ann/profile");
            Assert.Equal(["alien", "aliens"], profileA["recent"]!.AsArray().Select(r => (string)r!["itemId"]!).Order().ToArray());
        }),
        new("GET /v1/trending", async () =>
        {
            Assert.Empty(FeedIds(await OkAsync(b, "/v1/trending?count=20")));
            Assert.Contains("alien", FeedIds(await OkAsync(a, "/v1/trending?count=20")));
        }),
        new("GET /v1/items/{itemId}/similar", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, "/v1/items/alien/similar"));
            var similar = await OkAsync(a, "/v1/items/alien/similar");
            Assert.Equal("alien", (string)similar["of"]!);
            Assert.Contains("aliens", FeedIds(similar));
        }),
        new("GET /v1/items/{itemId}/also", async () =>
        {
            Assert.Empty((await OkAsync(b, "/v1/items/alien/also"))["rules"]!.AsArray());
            var rule = (await OkAsync(a, "/v1/items/alien/also"))["rules"]!.AsArray().Single()!;
            Assert.Equal("aliens", (string)rule["itemId"]!);
        }),
        new("GET /v1/users/{userId}/settings", async () =>
        {
            Assert.Equal("UTC", (string)(await OkAsync(b, "/v1/users/ann/settings"))["timeZone"]!);
            Assert.Equal("Europe/Paris", (string)(await OkAsync(a, "/v1/users/ann/settings"))["timeZone"]!);
        }),
        new("GET /v1/users/{userId}/consent", async () =>
        {
            var consent = await OkAsync(b, "/v1/users/zoe/consent");
            Assert.True((bool)consent["personalisation"]!);
            Assert.Null(consent["updatedAt"]);
            Assert.False((bool)(await OkAsync(a, "/v1/users/zoe/consent"))["personalisation"]!);
        }),
        new("GET /v1/users/{userId}/export", async () =>
        {
            var export = await OkAsync(b, "/v1/users/ann/export");
            Assert.Equal(("ann", 0L), ((string)export["userId"]!, export.Long("eventCount")));
            var exportA = await OkAsync(a, "/v1/users/ann/export");
            Assert.Equal(["ann-1", "ann-2"], exportA["events"]!.AsArray().Select(e => (string)e!["eventId"]!).Order().ToArray());
            Assert.Equal(["alien", "aliens"], exportA["events"]!.AsArray().Select(e => (string)e!["itemId"]!).Order().ToArray());
        }),
        new("GET /v1/items/{itemId}/variants", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, "/v1/items/storm/variants"));
            Assert.Equal("storm", (string)(await OkAsync(a, "/v1/items/storm/variants"))["itemId"]!);
        }),
        new("GET /v1/items/{itemId}/predicted-ctr", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, "/v1/items/storm/predicted-ctr"));
            Assert.Equal("storm", (string)(await OkAsync(a, "/v1/items/storm/predicted-ctr"))["itemId"]!);
        }),
        new("GET /v1/items/{itemId}/summaries", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, "/v1/items/storm/summaries"));
            Assert.NotEmpty((await OkAsync(a, "/v1/items/storm/summaries"))["candidates"]!.AsArray());
        }),
        new("GET /v1/experiments/{id}", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, "/v1/experiments/launch"));
            Assert.Equal(("launch", "running"), ((string)(await OkAsync(a, "/v1/experiments/launch"))["id"]!, (string)(await OkAsync(a, "/v1/experiments/launch"))["status"]!));
        }),
        new("GET /v1/experiments/{id}/results", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, "/v1/experiments/launch/results"));
            Assert.Equal(1, (await OkAsync(a, "/v1/experiments/launch/results")).Long("persons"));
        }),
        new("GET /v1/channels/{id}", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, "/v1/channels/email"));
            Assert.Equal("email", (string)(await OkAsync(a, "/v1/channels/email"))["id"]!);
        }),
        new("POST /v1/channels/{id}/learn", async () =>
        {
            var learnedB = (await b.PostJsonAsync("/v1/channels/email/learn", null)).Body!;
            Assert.Equal((0L, 0L), (learnedB.Long("eventsRead"), learnedB.Long("sends"))); // a's log rows are not b's to learn from
            var learnedA = (await a.PostJsonAsync("/v1/channels/email/learn", null)).Body!;
            Assert.True(learnedA.Long("sends") >= 1 && learnedA.Long("eventsRead") >= 9, learnedA.ToJsonString());
        }),
        new("GET /v1/channels/{id}/plan", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Get, "/v1/channels/email/plan"));
            var plan = await OkAsync(a, "/v1/channels/email/plan?horizon=24h");
            Assert.Equal("email", (string)plan["channel"]!);
            Assert.True(plan.Long("persons") >= 1, plan.ToJsonString());
            Assert.All(plan["entries"]!.AsArray(), e => Assert.DoesNotContain("/", (string)e!["personId"]! + (string)e["itemId"]!));
        }),
        new("POST /v1/channels/{id}/sends", async () =>
        {
            var send = new { sends = new[] { new { personId = "ivy", itemId = "heat", at = DateTimeOffset.UtcNow } } };
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Post, "/v1/channels/email/sends", send)); // b has no channel email
            Assert.Equal(1, (await a.PostJsonAsync("/v1/channels/email/sends", send)).Body!.Long("recorded"));
            var exposure = (await OkAsync(a, "/v1/users/ivy/export"))["exposure"]!["sends"]!.AsArray().Single()!;
            Assert.Equal(("email", "heat"), ((string)exposure["channel"]!, (string)exposure["itemId"]!));
            Assert.Empty((await OkAsync(b, "/v1/users/ivy/export"))["exposure"]!["sends"]!.AsArray());
        }),
        .. TenantAnalysisCases.Reads(a, b),
        new("POST /v1/experiments/{id}/assign", async () =>
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Post, "/v1/experiments/launch/assign", new { userId = "ann" }))),
        new("POST /v1/experiments/{id}/outcomes", async () =>
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Post, "/v1/experiments/launch/outcomes", new { userId = "ann", metric = "clicks", value = 1 }))),
        new("POST /v1/experiments/{id}/start", async () =>
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Post, "/v1/experiments/launch/start"))),
        new("POST /v1/experiments/{id}/stop", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Post, "/v1/experiments/launch/stop"));
            Assert.Equal("running", (string)(await OkAsync(a, "/v1/experiments/launch"))["status"]!);
        }),
        new("POST /v1/experiments", async () =>
        {
            Assert.Equal(201, await StatusAsync(b, HttpMethod.Post, "/v1/experiments", Experiment("launch"))); // not 409: a's is a's
            Assert.Equal("draft", (string)(await OkAsync(b, "/v1/experiments/launch"))["status"]!);
            Assert.Equal("running", (string)(await OkAsync(a, "/v1/experiments/launch"))["status"]!);
        }),
        new("PUT /v1/items/{itemId}", async () =>
        {
            Assert.Equal(204, await StatusAsync(b, HttpMethod.Put, "/v1/items/alien", Item("Beta alien", "b")));
            Assert.Equal("Beta alien", (string)(await OkAsync(b, "/v1/items/alien"))["title"]!);
            Assert.Equal("Alien secret", (string)(await OkAsync(a, "/v1/items/alien"))["title"]!);
        }),
        new("POST /v1/items", async () =>
        {
            var stored = (await b.PostJsonAsync("/v1/items", new[] { new { itemId = "heat", title = "Beta heat", tags = new[] { "b" } } })).Body!;
            Assert.Equal(1, stored.Long("stored"));
            Assert.Equal("Heat secret", (string)(await OkAsync(a, "/v1/items/heat"))["title"]!);
        }),
        new("POST /v1/events", async () =>
        {
            var result = (await b.PostJsonAsync("/v1/events", new[] { Event("ann-1", "ann", "alien", "click") })).Body!;
            Assert.Equal((1L, 0L), (result.Long("accepted"), result.Long("duplicates"))); // a's event id is not b's duplicate
            var countsA = (await OkAsync(a, "/v1/users/ann/profile"))["eventCounts"]!;
            Assert.Equal((1L, 1L, null), (countsA.Long("view"), countsA.Long("like"), countsA["click"]));
        }),
        new("PUT /v1/channels/{id}", async () =>
        {
            Assert.Equal(200, await StatusAsync(b, HttpMethod.Put, "/v1/channels/email", new { capPerDay = 1, capPerWeek = 1 }));
            Assert.Equal(1, (await OkAsync(b, "/v1/channels/email")).Long("rules.capPerDay"));
            Assert.Equal(2, (await OkAsync(a, "/v1/channels/email")).Long("rules.capPerDay"));
        }),
        new("PUT /v1/users/{userId}/settings", async () =>
        {
            Assert.Equal(200, await StatusAsync(b, HttpMethod.Put, "/v1/users/ann/settings", new { timeZone = "Asia/Tokyo" }));
            Assert.Equal("Europe/Paris", (string)(await OkAsync(a, "/v1/users/ann/settings"))["timeZone"]!);
        }),
        new("PUT /v1/users/{userId}/consent", async () =>
        {
            Assert.Equal(200, await StatusAsync(b, HttpMethod.Put, "/v1/users/zoe/consent", new { personalisation = true, tracking = true }));
            var consentA = await OkAsync(a, "/v1/users/zoe/consent");
            Assert.Equal((false, false), ((bool)consentA["personalisation"]!, (bool)consentA["tracking"]!));
        }),
        new("POST /v1/items/{itemId}/variants/stop", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Post, "/v1/items/storm/variants/stop", new { }));
            Assert.Equal("running", (string)(await OkAsync(a, "/v1/items/storm/variants"))["state"]!);
        }),
        new("POST /v1/items/{itemId}/variants/from-summaries", async () =>
        {
            Assert.Equal(404, await StatusAsync(b, HttpMethod.Post, "/v1/items/storm/variants/from-summaries"));
            Assert.Equal(2, (await OkAsync(a, "/v1/items/storm/variants"))["variants"]!.AsArray().Count);
        }),
        .. TenantAnalysisCases.Writes(a, b),
        new("DELETE /v1/users/{userId}", async () =>
        {
            var erased = (await b.SendJsonAsync(HttpMethod.Delete, "/v1/users/ann")).Body!;
            Assert.Equal(("ann", 1L), ((string)erased["userId"]!, erased.Long("eventsErased"))); // b's one event, none of a's
            Assert.Equal(2, (await OkAsync(a, "/v1/users/ann/export")).Long("eventCount"));
            Assert.Equal(1, (await OkAsync(a, "/v1/users/ann/profile")).Long("eventCounts.like"));
        }),
    ];
}
