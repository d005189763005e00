using System.Globalization;
using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// GET /metrics on a real host process: two fresh events, one rejected (its type), one retried (a duplicate) and
/// one feed give exact counter values, and Orleans' and ASP.NET Core's meters are exported beside ours; a training
/// run is counted by its status and the champion it published shows as the version this silo serves.
/// </summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory data = new();
    private SiloProcess silo = null!;
    private HttpClient Http => silo.Http;

    public async Task InitializeAsync() => silo = await SiloProcess.StartSqliteAsync(data.Path);

    public async Task DisposeAsync()
    {
        await silo.DisposeAsync();
        data.Dispose();
    }

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
        Assert.Equal(version, Value(samples, "contentgrains_model_version", "model=\"default\""));
    }

    private async Task<IReadOnlyList<Sample>> ScrapeAsync()
    {
        var response = await Http.GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return Sample.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The one sample of a metric whose labels contain the given one (or any, when none is given).</summary>
    private static double Value(IReadOnlyList<Sample> samples, string name, string label = "") =>
        Assert.Single(samples, s => s.Name == name && s.Labels.Contains(label, StringComparison.Ordinal)).Value;

    /// <summary>One line of the Prometheus text format: name{labels} value [timestamp].</summary>
    private sealed record Sample(string Name, string Labels, double Value)
    {
        public static IReadOnlyList<Sample> Parse(string text) =>
            text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(ParseLine).ToList();

        private static Sample ParseLine(string line)
        {
            var brace = line.IndexOf('{');
            var close = brace < 0 ? -1 : line.LastIndexOf('}');
            var name = brace < 0 ? line[..line.IndexOf(' ')] : line[..brace];
            var labels = brace < 0 ? "" : line[(brace + 1)..close];
            var rest = line[((brace < 0 ? name.Length : close + 1))..].Trim().Split(' ');
            return new Sample(name, labels, double.Parse(rest[0], CultureInfo.InvariantCulture));
        }
    }
}
