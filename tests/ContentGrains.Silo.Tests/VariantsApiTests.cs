using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// The headline-test API over HTTP on a real silo process: variants set with the item, named by the feed, counted from
/// events that carry them, reported, stopped; summary candidates ranked by the real MiniLM encoder and added as variants.
/// </summary>
public sealed class VariantsApiTests
{
    private const string Text =
        "A violent storm hit the harbour town on Monday night. Waves flooded the harbour and wrecked dozens of fishing boats. " +
        "The storm's winds tore roofs off houses along the harbour front. Separately, the city council approved a new budget for its parks department.";

    private static object Story(params object[] variants) => new { title = "Storm over the harbour", text = Text, tags = new[] { "weather" }, variants };

    [Fact]
    public async Task Variants_go_from_the_item_to_the_feed_to_the_counts_and_summaries_become_variants()
    {
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartSqliteAsync(data.Path,
            "--ContentGrains:Engine:CatalogRefresh=00:00:00", "--ContentGrains:Engine:VariantRefresh=00:00:00");
        var http = silo.Http;

        var bad = await http.PutAsJsonAsync("/v1/items/storm", Story(new { id = "plain", headline = "A" }, new { id = "plain", headline = "B" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("variants[1].id", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await http.PutAsJsonAsync("/v1/items/storm",
            Story(new { id = "plain", headline = "Storm over the harbour" }, new { id = "hook", headline = "The storm nobody saw coming" }))).StatusCode);

        var feed = await JsonAsync(http, "/v1/users/ann/feed?count=5");
        var shown = feed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("itemId").GetString() == "storm").GetProperty("variant");
        var variant = shown.GetProperty("variantId").GetString()!;
        Assert.Contains(variant, new[] { "plain", "hook" });

        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var ingest = await (await http.PostAsJsonAsync("/v1/events", new object[]
        {
            new { eventId = "i1", userId = "ann", itemId = "storm", type = "impression", timestamp = at, variant },
            new { eventId = "c1", userId = "ann", itemId = "storm", type = "click", timestamp = at, variant },
            new { eventId = "x1", userId = "ann", itemId = "storm", type = "click", timestamp = at, variant = "a/b" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, ingest.GetProperty("accepted").GetInt32());
        Assert.Equal("variant", ingest.GetProperty("rejected")[0].GetProperty("field").GetString());

        var test = await JsonAsync(http, "/v1/items/storm/variants");
        Assert.Equal("running", test.GetProperty("state").GetString());
        var counted = test.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("variantId").GetString() == variant);
        Assert.Equal((1, 1), (counted.GetProperty("impressions").GetInt64(), counted.GetProperty("clicks").GetInt64()));
        Assert.Equal(2.0 / 3, counted.GetProperty("mean").GetDouble(), 6); // Beta(2, 1)

        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/v1/items/storm/variants/stop", new { variantId = "nope" })).StatusCode);
        var stopped = await (await http.PostAsJsonAsync("/v1/items/storm/variants/stop", new { variantId = "plain" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("stopped", "plain"), (stopped.GetProperty("state").GetString(), stopped.GetProperty("served").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1/items/nothing/variants")).StatusCode);

        // MiniLM: the three storm sentences share the text's subject; the council's budget does not and ranks last.
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/v1/items/storm/summaries?count=0")).StatusCode);
        var summaries = await JsonAsync(http, "/v1/items/storm/summaries?count=4");
        var ranked = summaries.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("sentence").GetString()!).ToList();
        Assert.Equal(4, ranked.Count);
        Assert.StartsWith("Separately, the city council", ranked[^1]);
        var added = await (await http.PostAsync("/v1/items/storm/variants/from-summaries?count=2", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["plain", "hook", "summary-1", "summary-2"], added.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("variantId").GetString()));
        Assert.Equal(ranked[0], added.GetProperty("variants")[2].GetProperty("summary").GetString());
    }

    private static async Task<JsonElement> JsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
