using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// Experiments measured from ingested events on a real host process, and who may read which report. A small generated
/// world: 600 people exposed to two experiments at once: "lift" plants 0.45 clicks per impression in arm B against 0.25
/// in A; "aa" splits the same people by another salt (an A/A test, no effect). Each person has 5 impressions (with
/// clicks at 0.3) in the hours before exposure and 8 after it. A click-storm bot is exposed too, and a stranger who was
/// never exposed clicks. No outcome is posted: everything comes from the event log.
/// </summary>
public sealed class ExperimentOutcomesApiTests : IAsyncLifetime
{
    private const string OpsKey = "ops-key-0123456789";
    private const string ReadKey = "read-key-0123456789";
    private const int People = 600;
    private readonly TempDirectory data = new();
    private SiloProcess silo = null!;
    private HttpClient ops = null!;
    private HttpClient reader = null!;

    public async Task InitializeAsync()
    {
        silo = await SiloProcess.StartSqliteAsync(data.Path,
        [
            .. ApiKeyArgs.Entry(0, "ops", OpsKey, "ingest", "read", "admin"),
            .. ApiKeyArgs.Entry(1, "app", ReadKey, "read"),
        ]);
        ops = silo.WithKey(OpsKey);
        reader = silo.WithKey(ReadKey);
    }

    public async Task DisposeAsync()
    {
        ops.Dispose();
        reader.Dispose();
        await silo.DisposeAsync();
        data.Dispose();
    }

    private static object Spec(string id, string salt) => new
    {
        id, salt,
        arms = new object[] { new { name = "A", weight = 1 }, new { name = "B", weight = 1 } },
        metrics = new object[]
        {
            new { name = "clicks", events = new { types = new[] { "click" } } },
            new { name = "engaged", kind = "proportion", events = new { types = new[] { "click", "like", "share" }, minDwellSeconds = 30 } },
            new { name = "ctr", ratio = new { numerator = new { types = new[] { "click" } }, denominator = new { types = new[] { "impression" } } } },
        },
        minPersonsPerArm = 100,
        preExposureDays = 1,
    };

    private static object Event(string id, string user, string item, string type, DateTimeOffset at) =>
        new { eventId = id, userId = user, itemId = item, type, timestamp = at.ToString("O"), channel = "web" };

    [Fact]
    public async Task A_planted_lift_ships_from_ingested_events_alone_an_aa_test_does_not_and_kpis_count_exposed_persons_only()
    {
        foreach (var (id, salt) in new[] { ("lift", "lift-salt"), ("aa", "aa-salt") })
        {
            Assert.Equal(201, (await ops.PostJsonAsync("/v1/experiments", Spec(id, salt))).Status);
            Assert.Equal(200, (await ops.PostJsonAsync($"/v1/experiments/{id}/start", null)).Status);
        }
        var persons = Enumerable.Range(0, People).Select(i => $"p{i}").Append("bot").ToList();
        var arms = new Dictionary<string, (string Lift, string Aa)>();
        foreach (var person in persons)
            arms[person] = (await ArmAsync("lift", person), await ArmAsync("aa", person));
        var exposedBy = DateTimeOffset.UtcNow.AddSeconds(1); // every exposure was logged before this

        var random = new Random(11);
        var events = new List<object>();
        long preClicks = 0, postClicks = 0;
        var postClicksByArm = new Dictionary<string, double>(StringComparer.Ordinal);
        var impressionsAfter = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var person in persons.Take(People))
        {
            for (var k = 0; k < 5; k++)
            {
                var before = exposedBy.AddHours(-2).AddMinutes(-10 * k);
                events.Add(Event($"{person}-pi{k}", person, $"old{k}", "impression", before));
                if (random.NextDouble() < 0.3) { events.Add(Event($"{person}-pc{k}", person, $"old{k}", "click", before.AddSeconds(3))); preClicks++; }
            }
            var rate = arms[person].Lift == "B" ? 0.45 : 0.25;
            for (var k = 0; k < 8; k++)
            {
                var after = exposedBy.AddSeconds(5 + 20 * k + random.Next(0, 10));
                events.Add(Event($"{person}-i{k}", person, $"new{k}", "impression", after));
                if (random.NextDouble() < rate)
                {
                    events.Add(Event($"{person}-c{k}", person, $"new{k}", "click", after.AddSeconds(2)));
                    postClicks++;
                    postClicksByArm[arms[person].Lift] = postClicksByArm.GetValueOrDefault(arms[person].Lift) + 1;
                }
            }
            foreach (var label in new[] { $"lift:{arms[person].Lift}", $"aa:{arms[person].Aa}" })
                impressionsAfter[label] = impressionsAfter.GetValueOrDefault(label) + 8;
        }
        // A bot clicking one item 16 times (the click-storm rule), and a stranger never exposed.
        events.AddRange(Enumerable.Range(0, 16).Select(i => Event($"bot-c{i}", "bot", "new0", "click", exposedBy.AddSeconds(30 + i))));
        events.AddRange(Enumerable.Range(0, 3).SelectMany(i => new[]
        {
            Event($"stranger-i{i}", "stranger", $"new{i}", "impression", exposedBy.AddSeconds(40 + i)),
            Event($"stranger-c{i}", "stranger", $"new{i}", "click", exposedBy.AddSeconds(41 + i)),
        }));
        foreach (var batch in events.Chunk(2_000))
            Assert.Equal(batch.Length, (int)(await ops.PostJsonAsync("/v1/events", batch)).Body!["accepted"]!);

        var lift = await ResultsAsync("lift", People + 1);
        Assert.Equal(("ship", "B"), ((string)lift["decision"]!["verdict"]!, (string)lift["decision"]!["arm"]!));
        var measured = lift["measured"]!;
        // Counted: clicks and (for ctr's denominator) impressions, 8 a person after exposure and 5 before.
        Assert.Equal((postClicks + 8 * People, preClicks + 5 * People, 16L), (measured.Long("eventsCounted"), measured.Long("eventsBeforeExposure"), measured.Long("excludedEvents")));
        Assert.Equal((1L, 1L), (lift.Long("excludedNonHuman"), measured.Long("excludedPersonsByReason.click-storm")));
        Assert.Equal(People, lift.Long("persons"));
        var clicks = lift["comparisons"]!.AsArray().Single(c => (string)c!["metric"]! == "clicks")!;
        Assert.InRange((double)clicks["relativeLift"]!, 0.5, 1.1); // planted 0.8 (0.45 / 0.25 − 1)
        Assert.True((bool)lift["cupedApplied"]!); // pre-exposure clicks from the log

        // CTR per arm: Σ clicks / Σ impressions after exposure, 8 impressions a person (the delta method's interval around it).
        var ctr = lift["comparisons"]!.AsArray().Single(c => (string)c!["metric"]! == "ctr")!;
        Assert.Equal(postClicksByArm["B"] / (8.0 * arms.Values.Count(a => a.Lift == "B") - 8 * (arms["bot"].Lift == "B" ? 1 : 0)), (double)ctr["armMean"]!, 12);
        Assert.True((double)ctr["fixed"]!["low"]! > 0);
        Assert.Equal("full", (string)lift["measured"]!["pass"]!["kind"]!);

        var aa = await ResultsAsync("aa", People + 1);
        Assert.NotEqual("ship", (string)aa["decision"]!["verdict"]!);
        Assert.Equal(postClicks + 8 * People, aa["measured"]!.Long("eventsCounted"));

        // A read after new events is incremental and takes exactly them; ?pass=full reads everything and agrees; a bad pass names the field.
        // Later than every event above (at most 155 s after exposedBy) and inside the engine's 5-minute clock skew however
        // little wall time has passed since exposedBy was taken.
        var late = exposedBy.AddMinutes(4);
        Assert.Equal(2, (int)(await ops.PostJsonAsync("/v1/events", new[] { Event("p0-late-i", "p0", "late", "impression", late),
            Event("p0-late-c", "p0", "late", "click", late) })).Body!["accepted"]!);
        foreach (var label in new[] { $"lift:{arms["p0"].Lift}", $"aa:{arms["p0"].Aa}" }) impressionsAfter[label]++; // for the KPIs below
        var incremental = (await ops.GetJsonAsync("/v1/experiments/lift/results")).Body!;
        Assert.Equal(("incremental", 2L), ((string)incremental["measured"]!["pass"]!["kind"]!, incremental["measured"]!.Long("pass.eventsTaken")));
        var full = (await ops.GetJsonAsync("/v1/experiments/lift/results?pass=full")).Body!;
        Assert.Equal("full", (string)full["measured"]!["pass"]!["kind"]!);
        Assert.Equal(incremental["comparisons"]!.ToJsonString(), full["comparisons"]!.ToJsonString());
        var (status, problem) = await ops.GetJsonAsync("/v1/experiments/lift/results?pass=everything");
        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["pass"]);
        var badRatio = new { id = "bad-ratio", arms = new object[] { new { name = "A" }, new { name = "B" } },
            metrics = new object[] { new { name = "ctr", ratio = new { numerator = new { types = new[] { "click" } } } } } };
        (status, problem) = await ops.PostJsonAsync("/v1/experiments", badRatio);
        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["metrics[0].ratio.denominator"]);

        // The OpenAPI document describes the new fields.
        var openApi = (await ops.GetJsonAsync("/openapi/v1.json")).Body!.ToJsonString();
        foreach (var field in new[] { "\"minDwellSeconds\"", "\"preExposureDays\"", "\"eventsBeforeExposure\"", "\"excludedPersonsByReason\"", "\"numerator\"", "\"eventsTaken\"", "\"pass\"" })
            Assert.Contains(field, openApi);

        // KPIs by arm count exposed persons only, from their exposure on: the stranger and everything before exposure are left out.
        Assert.Equal(200, (await ops.PostJsonAsync("/v1/kpis/compute", new { })).Status);
        var (_, byArm) = await ops.GetJsonAsync("/v1/kpis?by=arm");
        var rows = byArm!["rows"]!.AsArray().ToDictionary(r => (string)r!["key"]!, r => r.Long("impressions"));
        Assert.Equal(impressionsAfter.OrderBy(x => x.Key), rows.OrderBy(x => x.Key));
    }

    [Fact]
    public async Task A_read_key_gets_403_on_an_exact_report_and_200_on_a_private_one()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var events = Enumerable.Range(0, 10).SelectMany(i => new[]
        {
            Event($"r-i{i}", $"r{i}", $"item{i % 3}", "impression", now.AddSeconds(i)),
            Event($"r-c{i}", $"r{i}", $"item{i % 3}", "click", now.AddSeconds(i + 1)),
        }).ToList();
        Assert.Equal(20, (int)(await ops.PostJsonAsync("/v1/events", events)).Body!["accepted"]!);
        var exact = await StartReportAsync(new { });
        var @private = await StartReportAsync(new { epsilon = 1.0 });
        await FinishedAsync(exact);
        await FinishedAsync(@private);

        var (denied, problem) = await reader.GetJsonAsync($"/v1/reports/{exact}");
        Assert.Equal(403, denied);
        Assert.Equal("admin", (string)problem!["scope"]!);
        Assert.Contains("exact report", (string)problem["detail"]!);
        Assert.Equal(200, (await ops.GetJsonAsync($"/v1/reports/{exact}")).Status);
        var (allowed, report) = await reader.GetJsonAsync($"/v1/reports/{@private}");
        Assert.Equal(200, allowed);
        Assert.Equal(1.0, (double)report!["privacy"]!["epsilon"]!);
        using (var page = await reader.GetAsync($"/reports/{exact}")) Assert.Equal(403, (int)page.StatusCode);
        using (var page = await reader.GetAsync($"/reports/{@private}")) Assert.Equal(200, (int)page.StatusCode);
        // Starting a report stays admin.
        Assert.Equal(403, (await reader.PostJsonAsync("/v1/reports", new { epsilon = 1.0 })).Status);
    }

    private async Task<string> ArmAsync(string experiment, string person)
    {
        var (status, assignment) = await ops.PostJsonAsync($"/v1/experiments/{experiment}/assign", new { userId = person });
        Assert.Equal(200, status);
        return (string)assignment!["arm"]!;
    }

    private async Task<JsonNode> ResultsAsync(string experiment, long exposed)
    {
        var (status, results) = await ops.GetJsonAsync($"/v1/experiments/{experiment}/results");
        Assert.True(status == 200, results?.ToJsonString());
        Assert.Equal(exposed, results!.Long("persons") + results.Long("excludedNonHuman"));
        return results;
    }

    private async Task<string> StartReportAsync(object body)
    {
        var (status, started) = await ops.PostJsonAsync("/v1/reports", body);
        Assert.True(status == 202, started?.ToJsonString());
        return (string)started!["report"]!["id"]!;
    }

    private async Task FinishedAsync(string id) =>
        await Eventually.Get(() => ops.GetJsonAsync($"/v1/reports/{id}"), r => r.Status != 202, $"report {id} to finish", 120_000);
}
