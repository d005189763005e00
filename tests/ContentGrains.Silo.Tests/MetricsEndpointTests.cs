using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// GET /metrics on a real host process: two fresh events, one rejected (its type), one retried (a duplicate) and
/// one feed give exact counter values, and Orleans' and ASP.NET Core's meters are exported beside ours; a training
/// run is counted by its status and the champion it published shows as the version this silo serves.
/// </summary>
public sealed class MetricsEndpointTests : SqliteSiloTests
{
    [Fact]
    public async Task Metrics_count_ingest_and_feeds_and_include_orleans_and_aspnetcore_meters()
    {
        Assert.Equal(204, (await Http.PutJsonAsync("/v1/items/a", Item("A", "news"))).Status);
        var (status, first) = await Http.PostJsonAsync("/v1/events", new[] { Event("e1", "ann", "a"), Event("e2", "ann", "a", "view"), Event("e3", "ann", "a", "teleport") });
        Assert.Equal((200, 2), (status, (int)first!["accepted"]!));
        var (_, retry) = await Http.PostJsonAsync("/v1/events", new[] { Event("e1", "ann", "a") });
        Assert.Equal((0, 1), ((int)retry!["accepted"]!, (int)retry["duplicates"]!));
        Assert.Equal(200, (await Http.GetJsonAsync("/v1/users/ann/feed?count=5")).Status);

        // The exporter caches a scrape briefly: read until the feed shows, then every value must be exact.
        var samples = await Eventually.Get(ScrapeAsync, s => s.Any(x => x.Name == "contentgrains_feed_duration_ms_count"), "the feed histogram exported");
        Assert.Equal(1, Value(samples, "contentgrains_events_accepted_total", "type=\"click\""));
        Assert.Equal(1, Value(samples, "contentgrains_events_accepted_total", "type=\"view\""));
        Assert.Equal(2, samples.Where(x => x.Name == "contentgrains_events_accepted_total").Sum(x => x.Value));
        Assert.Equal(1, Value(samples, "contentgrains_events_duplicate_total"));
        Assert.Equal(1, Value(samples, "contentgrains_events_rejected_total", "field=\"type\""));
        Assert.True(Value(samples, "contentgrains_feed_duration_ms_count", "model_kind=\"heuristic-v1\"") >= 1);
        Assert.True(Value(samples, "contentgrains_feed_duration_ms_sum", "model_kind=\"heuristic-v1\"") > 0);

        // The item's title went to the silo's text vector worker: once encoded, nothing waits in any of its three queues,
        // and the encoder's thread CPU is counted (what bench/load waits on and records).
        var vectors = await Eventually.Get(ScrapeAsync, s => s.Any(x => x.Name == "contentgrains_text_vectors_total" && x.Labels.Contains("outcome=\"encoded\"") && x.Value == 1)
            && s.Where(x => x.Name == "contentgrains_text_vectors_waiting").Sum(x => x.Value) == 0, "the item's text vector made", timeoutMs: 60_000);
        Assert.Equal(["ids", "in_flight", "texts"], vectors.Where(x => x.Name == "contentgrains_text_vectors_waiting").Select(x => System.Text.RegularExpressions.Regex.Match(x.Labels, "queue=\"([a-z_]+)\"").Groups[1].Value).Order());
        Assert.Equal(0, Value(vectors, "contentgrains_text_vectors_total", "outcome=\"dropped\""));
        Assert.True(Value(vectors, "contentgrains_text_vector_encode_seconds_total", "clock=\"cpu\"") > 0);
        Assert.Contains(samples, s => s.Name == "orleans_catalog_activations");
        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_count" && s.Labels.Contains("http_route=\"/v1/events\""));
        Assert.Contains(samples, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_show_the_training_run_and_the_champion_version_this_silo_serves()
    {
        foreach (var id in new[] { "alien", "aliens", "heat" }) Assert.Equal(204, (await Http.PutJsonAsync($"/v1/items/{id}", Item(id, "film"))).Status);
        var events = new List<object>();
        foreach (var user in new[] { "ann", "bob", "cat" })
        {
            events.Add(Event($"{user}-1", user, "alien", "view"));
            events.Add(Event($"{user}-2", user, "aliens", "like"));
        }
        events.Add(Event("eve-1", "eve", "heat", "view"));
        Assert.Equal(200, (await Http.PostJsonAsync("/v1/events", events)).Status);
        var version = (long)(await Http.TrainAsync())["version"]!;

        // The trainer pushes the champion to the silo right after the job; the gauge reads the silo's model cache.
        var samples = await Eventually.Get(ScrapeAsync, s => s.Any(x => x.Name == "contentgrains_model_version"), "the served version exported");
        Assert.Equal(1, Value(samples, "contentgrains_training_runs_total", "status=\"succeeded\""));
        Assert.Equal(version, PrometheusSample.ValueOf(samples, "contentgrains_model_version", "model=\"default\"", "tenant=\"_default\""));
    }

    private Task<IReadOnlyList<PrometheusSample>> ScrapeAsync() => PrometheusSample.ScrapeAsync(Http);

    private static double Value(IReadOnlyList<PrometheusSample> samples, string name, string label = "") => PrometheusSample.ValueOf(samples, name, label);
}
