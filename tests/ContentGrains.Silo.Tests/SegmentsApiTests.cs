using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// POST /v1/segments/fit, GET /v1/segments and GET /v1/users/{id}/segment on a real host process. Twelve stargazers
/// read astronomy on the app in the early morning (05:00-08:59 UTC); twelve cooks read recipes on the web in the
/// evening (18:00-21:59). The fit must find exactly these two segments and every person must know theirs.
/// </summary>
public sealed class SegmentsApiTests() : SqliteSiloTests(
    "--ContentGrains:Engine:Segments:MaxK=4", "--ContentGrains:Engine:Segments:MinPoints=4", "--ContentGrains:Engine:Segments:Interval=00:00:00")
{
    private static readonly string[] Stargazers = Enumerable.Range(1, 12).Select(i => $"star-fan-{i}").ToArray();
    private static readonly string[] Cooks = Enumerable.Range(1, 12).Select(i => $"cook-{i}").ToArray();

    protected override async Task SeedAsync()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(204, (await Http.PutJsonAsync($"/v1/items/comet-{i}", Item($"Comet {i}", "astronomy", "space"))).Status);
            Assert.Equal(204, (await Http.PutJsonAsync($"/v1/items/soup-{i}", Item($"Soup {i}", "cooking", "recipes"))).Status);
        }
        var yesterday = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1), TimeSpan.Zero);
        var events = new List<object>();
        for (var p = 0; p < 12; p++)
            for (var k = 0; k < 3; k++)
            {
                events.Add(At(Event($"{Stargazers[p]}-{k}", Stargazers[p], $"comet-{(p + k) % 4}"), yesterday.AddHours(5 + p % 4).AddMinutes(10 * k), "app"));
                events.Add(At(Event($"{Cooks[p]}-{k}", Cooks[p], $"soup-{(p + k) % 4}"), yesterday.AddHours(18 + p % 4).AddMinutes(10 * k), "web"));
            }
        var (status, result) = await Http.PostJsonAsync("/v1/events", events);
        Assert.Equal((200, 72), (status, (int)result!["accepted"]!));
    }

    private static JsonObject At(object e, DateTimeOffset timestamp, string channel)
    {
        var node = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(e))!.AsObject();
        node["timestamp"] = timestamp.ToString("O");
        node["channel"] = channel;
        return node;
    }

    [Fact]
    public async Task Fitting_finds_the_two_audiences_and_everyone_knows_their_segment()
    {
        var (_, before) = await Http.GetJsonAsync($"/v1/users/{Stargazers[0]}/segment");
        Assert.Null(before!["segment"]);
        Assert.Null(before["version"]);

        var (status, run) = await Http.PostJsonAsync("/v1/segments/fit", new { });
        Assert.Equal(200, status);
        Assert.Equal((1, 24, 2, 72), ((int)run!["version"]!, (int)run["people"]!, (int)run["segments"]!, (int)run["eventsRead"]!));

        var (_, served) = await Http.GetJsonAsync("/v1/segments");
        Assert.Equal(1, (int)served!["version"]!);
        Assert.Equal(2, (int)served["fit"]!["chosenK"]!);
        Assert.Equal([2, 3, 4], served["fit"]!["silhouettes"]!.AsArray().Select(s => (int)s!["k"]!));
        var segments = served["segments"]!.AsArray();
        Assert.Equal([12, 12], segments.Select(s => (int)s!["size"]!));
        var stars = segments.Single(s => (string)s!["top"]!["tags"]![0]!["key"]! is "astronomy" or "space")!;
        var cooking = segments.Single(s => (string)s!["top"]!["tags"]![0]!["key"]! is "cooking" or "recipes")!;
        Assert.Equal("app", (string)stars["top"]!["channels"]![0]!["key"]!);
        Assert.Equal("web", (string)cooking["top"]!["channels"]![0]!["key"]!);
        Assert.All(stars["top"]!["hours"]!.AsArray(), h => Assert.InRange(int.Parse((string)h!["key"]!), 4, 9)); // 05-08, smoothed ± 1

        foreach (var (people, expected) in new[] { (Stargazers, (int)stars["segment"]!), (Cooks, (int)cooking["segment"]!) })
            foreach (var person in people)
            {
                var segment = await Eventually.Get(async () => (await Http.GetJsonAsync($"/v1/users/{person}/segment")).Body!,
                    s => s["version"] is not null, $"{person}'s segment on the silo");
                Assert.Equal((expected, 1), ((int)segment["segment"]!, (int)segment["version"]!));
            }

        var (_, stranger) = await Http.GetJsonAsync("/v1/users/never-seen/segment");
        Assert.Null(stranger!["segment"]); // no engagement: no segment
        Assert.Equal(400, (await Http.GetJsonAsync("/v1/users/bad%20id/segment")).Status);
    }
}
