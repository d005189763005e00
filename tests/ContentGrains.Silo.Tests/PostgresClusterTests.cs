using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>The cluster store: two silo processes on one PostgreSQL database, each serving the HTTP API.</summary>
public sealed class PostgresClusterTests : IAsyncLifetime
{
    private TestPostgres database = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresSchema.CreateDatabaseAsync();
        Assert.Equal(21, await database.ScalarAsync("SELECT count(*) FROM orleansquery"));
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Two_silos_both_serve_and_state_is_intact_after_one_stops()
    {
        await using var a = await SiloProcess.StartPostgresAsync(database.ConnectionString, "silo-a");
        await using var b = await SiloProcess.StartPostgresAsync(database.ConnectionString, "silo-b");
        Assert.Equal(2, await database.ScalarAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 3"));

        await a.Http.PutJsonAsync("/v1/items/pg-1", Item("PG one", "databases"));
        await b.Http.PutJsonAsync("/v1/items/pg-2", Item("PG two", "databases"));
        var users = Enumerable.Range(0, 20).Select(i => $"pgu{i}").ToArray();
        var events = users.SelectMany((u, i) => new[] { Event($"pa{i}", u, "pg-1", "click"), Event($"pb{i}", u, "pg-2", "impression") }).ToArray();
        var (_, first) = await a.Http.PostJsonAsync("/v1/events", events[..20]);
        var (_, second) = await b.Http.PostJsonAsync("/v1/events", events[10..]);
        // The overlap sent to both silos counts once.
        Assert.Equal((20, 0), (first.Long("accepted"), first.Long("duplicates")));
        Assert.Equal((20, 10), (second.Long("accepted"), second.Long("duplicates")));
        Assert.Equal(40, await database.ScalarAsync("SELECT count(*) FROM cg_events"));

        foreach (var silo in new[] { a, b })
        {
            Assert.Equal(20, (await silo.Http.GetJsonAsync("/v1/items/pg-1")).Body.Long("stats.clicks"));
            Assert.Equal(20, (await silo.Http.GetJsonAsync("/v1/items/pg-2")).Body.Long("stats.impressions"));
        }

        await a.KillAsync();
        // Until the cluster declares a dead, calls to its grains answer 503; then silo b takes over every grain
        // that lived on a, rebuilding it from its snapshot and the log.
        await Eventually.Get(() => database.ScalarAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 6"), dead => dead == 1, "silo a declared dead", 90_000);
        var item = await Eventually.Get(() => b.Http.GetJsonAsync("/v1/items/pg-1"), r => r.Status == 200, "pg-1 served by silo b", 30_000);
        Assert.Equal(20, item.Body.Long("stats.clicks"));
        Assert.Equal("PG one", (string)item.Body!["title"]!);
        foreach (var user in users)
        {
            var (status, profile) = await Eventually.Get(() => b.Http.GetJsonAsync($"/v1/users/{user}/profile"), r => r.Status != 503, $"{user} served", 30_000);
            Assert.True(status == 200, $"{user}: {status} {profile?.ToJsonString()}");
            Assert.Equal(1, profile.Long("eventCounts.click"));
            Assert.Equal(1, profile.Long("eventCounts.impression"));
        }
        Assert.DoesNotContain("pg-1", FeedIds((await b.Http.GetJsonAsync("/v1/users/pgu0/feed")).Body!));
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_whole_cluster()
    {
        await using (var only = await SiloProcess.StartPostgresAsync(database.ConnectionString, "silo-x"))
        {
            await only.Http.PutJsonAsync("/v1/items/r-1", Item("Restart", "ops"));
            await only.Http.PostJsonAsync("/v1/events", new[] { Event("rx1", "ru", "r-1", "like"), Event("rx2", "ru", "r-1", "view") });
            await only.StopAsync();
        }
        await using var again = await SiloProcess.StartPostgresAsync(database.ConnectionString, "silo-y");
        var item = (await again.Http.GetJsonAsync("/v1/items/r-1")).Body!;
        Assert.Equal((1, 1), (item.Long("stats.likes"), item.Long("stats.views")));
        Assert.True((await again.Http.GetJsonAsync("/v1/users/ru/profile")).Body!["interests"]!["ops"]!.GetValue<double>() > 3.9);
        var (_, dup) = await again.Http.PostJsonAsync("/v1/events", new[] { Event("rx1", "ru", "r-1", "like") });
        Assert.Equal(1, dup.Long("duplicates"));
    }
}
