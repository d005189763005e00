using System.Text.Json.Nodes;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// POST /v1/topics/fit, GET /v1/topics, /v1/topics/{id}, /v1/items/{id}/topics and /v1/users/{id}/topics on a real host
/// process with the real MiniLM encoder: eight space and eight kitchen headlines make two topics, bad ids are named, and
/// the topics and the person's interests survive a restart of the process on the same store.
/// </summary>
// IAsyncLifetime, not IAsyncDisposable: xUnit 2 never disposed the class, and each run left its silo processes running.
public sealed class TopicsApiTests : IAsyncLifetime
{
    private static readonly string[] Config =
        ["--ContentGrains:Engine:Topics:MinTopics=2", "--ContentGrains:Engine:Topics:MaxTopics=3", "--ContentGrains:Engine:Topics:Interval=00:00:00"];

    private readonly TempDirectory data = new();
    private SiloProcess silo = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task Topics_are_fitted_served_per_item_and_person_and_kept_over_a_restart()
    {
        silo = await SiloProcess.StartSqliteAsync(data.Path, Config);
        var http = silo.Http;
        Assert.Equal(404, (await http.GetJsonAsync("/v1/items/space-0/topics")).Status); // nothing fitted yet
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(204, (await http.PutJsonAsync($"/v1/items/space-{i}", Item(PlantedHeadlines.Space[i]))).Status);
            Assert.Equal(204, (await http.PutJsonAsync($"/v1/items/kitchen-{i}", Item(PlantedHeadlines.Kitchen[i]))).Status);
        }
        // The text vectors are computed in the background: fit until the run has seen all sixteen items.
        var run = await Eventually.Get(async () => (await http.PostJsonAsync("/v1/topics/fit", new { })).Body!, r => r["items"] is { } n && (int)n == 16,
            "a fit over the sixteen items' text vectors", timeoutMs: 180_000);
        var version = (int)run["version"]!;
        Assert.Equal(2, (int)run["topics"]!);

        var (_, listed) = await http.GetJsonAsync("/v1/topics");
        Assert.Equal((version, 16), ((int)listed!["version"]!, (int)listed["items"]!));
        Assert.Equal("cosine silhouette", (string)listed["kChosenBy"]!);
        Assert.Equal([2, 3], listed["tried"]!.AsArray().Select(t => (int)t!["k"]!));
        Assert.Equal([8, 8], listed["topics"]!.AsArray().Select(t => (int)t!["size"]!));

        var (_, item) = await http.GetJsonAsync("/v1/items/space-1/topics");
        var spaceTopic = (int)item!["mixture"]![0]!["topic"]!;
        var (_, topic) = await http.GetJsonAsync($"/v1/topics/{spaceTopic}");
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"space-{i}"), topic!["items"]!.AsArray().Select(i => (string)i!["itemId"]!).Order());
        Assert.Equal(PlantedHeadlines.Space[2], (string)topic["items"]!.AsArray().Single(i => (string)i!["itemId"]! == "space-2")!["title"]!);
        Assert.Equal(400, (await http.GetJsonAsync("/v1/topics/first")).Status);
        Assert.Equal(404, (await http.GetJsonAsync("/v1/topics/7")).Status);
        Assert.Equal(400, (await http.GetJsonAsync("/v1/items/bad%20id/topics")).Status);

        Assert.Empty((await http.GetJsonAsync("/v1/users/ann/topics")).Body!["interests"]!.AsArray());
        Assert.Equal(200, (await http.PostJsonAsync("/v1/events", new[] { Event("t1", "ann", "kitchen-2") })).Status);
        var interests = await Eventually.Get(async () => (await http.GetJsonAsync("/v1/users/ann/topics")).Body!, b => b["interests"]!.AsArray().Count > 0,
            "ann's topic interests after her click");
        var kitchenTopic = 1 - spaceTopic;
        Assert.Equal(kitchenTopic, (int)interests["interests"]![0]!["topic"]!);

        await silo.StopAsync();
        await silo.DisposeAsync();
        silo = await SiloProcess.StartSqliteAsync(data.Path, Config);
        var (_, again) = await silo.Http.GetJsonAsync("/v1/topics");
        Assert.Equal(listed["topics"]!.ToJsonString(), again!["topics"]!.ToJsonString());
        Assert.Equal(version, (int)again["version"]!);
        var after = (await silo.Http.GetJsonAsync("/v1/users/ann/topics")).Body!;
        Assert.Equal(kitchenTopic, (int)after["interests"]![0]!["topic"]!);
    }
}
