using System.Text.Json.Nodes;
using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// A click champion's retirement as <c>GET /v1/models?model=click</c> shows it, on a real host process: the world of
/// <see cref="ExposureClickWorld"/> goes in over HTTP (clicks on the rarely shown items for 24 hours, then on the often shown ones for 8),
/// click v1 is trained on the first phase and served, and the next click training retires it. The registry's JSON must
/// carry what the trainer's view holds (no champion, the champion reason, v1's status and reason) with the host's
/// serializer settings, which leave out nulls.
/// </summary>
public sealed class ClickRetirementApiTests : SqliteSiloTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task The_click_registry_shows_a_retired_champion_its_status_and_why_there_is_none()
    {
        for (var i = 0; i < ExposureClickWorld.Items; i++)
            Assert.Equal(204, (await Http.PutJsonAsync($"/v1/items/{ExposureClickWorld.ItemId(i)}",
                new { title = ExposureClickWorld.ItemTitle(i), tags = new[] { ExposureClickWorld.ItemTag(i) }, publishedAt = Now.AddDays(-30) })).Status);
        await IngestAsync(ExposureClickWorld.Phase("top", Now.AddHours(-40), hours: 24, rareItemsClicked: true, seed: 2));
        var v1 = await Http.RunJobAsync(model: "click");
        Assert.Equal(("succeeded", 1L), ((string)v1["status"]!, (long)v1["version"]!));
        var serving = await Eventually.Get(RegistryAsync, r => (long?)r["silos"]?[0]?["serving"] == 1, "the silo serving click v1");
        Assert.Equal(1L, (long)serving["champion"]!); // the field the retirement must empty
        Assert.Null(serving["championReason"]);
        Assert.Equal("heuristic-v1+click-v1", (string)(await Http.GetJsonAsync("/v1/users/newcomer/feed?count=6")).Body!["model"]!);

        await IngestAsync(ExposureClickWorld.Phase("bottom", Now.AddHours(-14), hours: 8, rareItemsClicked: false, seed: 3));
        var job = await Http.RunJobAsync(model: "click");

        Assert.Equal(("rejected", 2L), ((string)job["status"]!, (long)job["version"]!));
        Assert.Contains($"champion v1 retired: {ExposureClickWorld.RetiredReason}", (string)job["reason"]!);
        var registry = await Eventually.Get(RegistryAsync, r => r["silos"]?[0] is { } s && s["serving"] is null, "the silo serving no click model");
        Assert.Equal("click", (string)registry["name"]!);
        Assert.Null(registry["champion"]); // null, so left out of the JSON
        Assert.StartsWith($"no champion: v1 was retired ({ExposureClickWorld.RetiredReason}", (string)registry["championReason"]!);
        Assert.EndsWith("feeds use heuristic-v1 until a click model beats it", (string)registry["championReason"]!);
        var versions = registry["versions"]!.AsArray();
        var retired = versions.Single(v => (long)v!["version"]! == 1)!;
        Assert.Equal(("retired", false), ((string)retired["status"]!, (bool)retired["champion"]!));
        Assert.Contains($"; retired as champion: {ExposureClickWorld.RetiredReason}", (string)retired["reason"]!);
        Assert.Equal("rejected", (string)versions.Single(v => (long)v!["version"]! == 2)!["status"]!);
        var feed = (await Http.GetJsonAsync("/v1/users/newcomer/feed?count=6")).Body!;
        Assert.Equal("heuristic-v1", (string)feed["model"]!);
        Assert.Empty(feed["models"]!.AsArray());
    }

    private async Task<JsonNode> RegistryAsync()
    {
        var (status, registry) = await Http.GetJsonAsync("/v1/models?model=click");
        Assert.Equal(200, status);
        return registry!;
    }

    /// <summary>In time order, in batches, as a live log arrives (a feed's impressions keep their slot order).</summary>
    private async Task IngestAsync(List<ExposureClickWorld.LoggedEvent> events)
    {
        foreach (var chunk in events.Chunk(2_000))
        {
            var batch = chunk.Select(e => new { eventId = e.Id, userId = e.UserId, itemId = e.ItemId, type = e.Type, timestamp = e.At.ToString("O"), channel = "web" });
            var (status, result) = await Http.PostJsonAsync("/v1/events", batch.ToList());
            Assert.Equal((200, chunk.Length), (status, (int)result!["accepted"]!));
        }
    }
}
