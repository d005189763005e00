using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// Tenants on the cluster store: the event log on PostgreSQL holds each tenant's rows apart (the same event id twice,
/// ids of the full 128 characters qualified past the old column width), and a silo killed and started again rebuilds
/// each tenant's people from their own rows only.
/// </summary>
public sealed class TenantPostgresTests : IAsyncLifetime
{
    private const string KeyA = "pg-tenant-a-key-0123456789";
    private const string KeyB = "pg-tenant-b-key-0123456789";
    private TestPostgres database = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresSchema.CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task The_log_keeps_each_tenants_rows_apart_and_a_restarted_silo_replays_each_tenant_from_its_own()
    {
        var longUser = new string('u', 128);
        string[] keys = [.. ApiKeyArgs.TenantEntry(0, "a", KeyA, "a", "read", "ingest"), .. ApiKeyArgs.TenantEntry(1, "b", KeyB, "b", "read", "ingest")];
        string[] member;
        await using (var first = await SiloProcess.StartPostgresAsync(database.ConnectionString, "tenant-silo", keys))
        {
            member = first.Arguments;
            using var a = first.WithKey(KeyA);
            using var b = first.WithKey(KeyB);
            var sentA = (await a.PostJsonAsync("/v1/events", new[] { Event("e1", "sam", "i1", "view"), Event("e2", longUser, "i1", "like") })).Body!;
            Assert.Equal(2, sentA.Long("accepted"));
            Assert.Equal(1, (await b.PostJsonAsync("/v1/events", new[] { Event("e1", "sam", "i1", "click") })).Body!.Long("accepted"));
            Assert.Equal(1, (await b.PostJsonAsync("/v1/events", new[] { Event("e1", "sam", "i1", "click") })).Body!.Long("duplicates"));
            await first.KillAsync(); // no snapshot written: the next silo rebuilds people from the log
        }

        Assert.Equal(3, await database.ScalarAsync("SELECT count(*) FROM cg_events"));
        Assert.Equal(2, await database.ScalarAsync("SELECT count(*) FROM cg_events WHERE user_id = 'a/sam' OR user_id = 'b/sam'"));
        Assert.Equal(1, await database.ScalarAsync($"SELECT count(*) FROM cg_events WHERE user_id = 'a/{longUser}' AND event_id = 'a/e2'"));

        await using var second = await SiloProcess.StartAsync(member); // the same member again, so nothing waits for the killed one
        using var a2 = second.WithKey(KeyA);
        using var b2 = second.WithKey(KeyB);
        var samA = await Eventually.Get(async () => await a2.GetJsonAsync("/v1/users/sam/profile"), r => r.Status == 200, "a's sam served after the restart", 90_000);
        Assert.Equal((1L, null), (samA.Body.Long("eventCounts.view"), samA.Body!["eventCounts"]!["click"]));
        var samB = (await b2.GetJsonAsync("/v1/users/sam/profile")).Body!;
        Assert.Equal((1L, null), (samB.Long("eventCounts.click"), samB["eventCounts"]!["view"]));
        Assert.Equal(1, (await a2.GetJsonAsync($"/v1/users/{longUser}/profile")).Body.Long("eventCounts.like"));
        Assert.Empty((await b2.GetJsonAsync($"/v1/users/{longUser}/profile")).Body!["eventCounts"]!.AsObject());
    }

}
