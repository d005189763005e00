using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>The embedded default loses no acknowledged event: not on a clean restart, not after kill -9.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TempDirectory data = new();
    public void Dispose() => data.Dispose();

    [Fact]
    public async Task After_kill_9_profiles_counters_and_dedupe_are_intact()
    {
        var events = Enumerable.Range(0, 300).Select(i => Event($"k{i}", $"ku{i % 5}", $"ki{i % 3}", i % 3 == 0 ? "click" : "impression")).ToArray();
        await using (var silo = await SiloProcess.StartSqliteAsync(data.Path))
        {
            await silo.Http.PutJsonAsync("/v1/items/ki0", Item("K0", "tech"));
            var (_, result) = await silo.Http.PostJsonAsync("/v1/events", events);
            Assert.Equal(300, result.Long("accepted"));
            await silo.KillAsync(); // no snapshot on the way out: the default snapshots every 200 events per grain
        }

        await using var restarted = await SiloProcess.StartSqliteAsync(data.Path);
        var item = (await restarted.Http.GetJsonAsync("/v1/items/ki0")).Body!;
        Assert.Equal("K0", (string)item["title"]!);
        Assert.Equal(100, item.Long("stats.clicks"));
        Assert.Equal(0, item.Long("stats.impressions"));
        Assert.Equal(100, (await restarted.Http.GetJsonAsync("/v1/items/ki1")).Body.Long("stats.impressions"));
        var profile = (await restarted.Http.GetJsonAsync("/v1/users/ku0/profile")).Body!;
        Assert.Equal(20, profile.Long("eventCounts.click"));
        Assert.Equal(40, profile.Long("eventCounts.impression"));

        var (_, again) = await restarted.Http.PostJsonAsync("/v1/events", events);
        Assert.Equal((0, 300), (again.Long("accepted"), again.Long("duplicates")));
        Assert.Equal(100, (await restarted.Http.GetJsonAsync("/v1/items/ki0")).Body.Long("stats.clicks"));
    }

    [Fact]
    public async Task After_a_clean_stop_the_feed_still_knows_what_was_consumed()
    {
        await using (var silo = await SiloProcess.StartSqliteAsync(data.Path))
        {
            await silo.Http.PostJsonAsync("/v1/items", new object[]
            {
                new { itemId = "c-1", title = "One", tags = new[] { "golf" } },
                new { itemId = "c-2", title = "Two", tags = new[] { "golf" } },
            });
            await silo.Http.PostJsonAsync("/v1/events", new[] { Event("c-view", "golfer", "c-1", "view") });
            await silo.StopAsync();
        }
        await using var restarted = await SiloProcess.StartSqliteAsync(data.Path);
        var feed = (await restarted.Http.GetJsonAsync("/v1/users/golfer/feed")).Body!;
        Assert.Equal(["c-2"], FeedIds(feed));
        Assert.Equal("matches your interest in golf", (string)feed["items"]![0]!["reason"]!);
    }
}
