using ContentGrains.Testing;
using static ContentGrains.Silo.Tests.Json;

namespace ContentGrains.Silo.Tests;

/// <summary>
/// The served-model gauge on a real silo with two tenants: each tenant whose model slot the silo holds shows its own
/// champion under its "tenant" label (a trained twice, b once), and the default tenant, which has no model, shows none.
/// </summary>
public sealed class TenantMetricsTests : SqliteSiloTests
{
    private const string KeyA = "tenant-a-key-0123456789";
    private const string KeyB = "tenant-b-key-0123456789";
    private const string MetricsKey = "prometheus-key-0123456789";
    private const string Gauge = "contentgrains_model_version";
    private static readonly string[] Scopes = ["read", "ingest", "admin"];

    public TenantMetricsTests() : base(
    [
        .. ApiKeyArgs.TenantEntry(0, "tenant-a", KeyA, "a", Scopes),
        .. ApiKeyArgs.TenantEntry(1, "tenant-b", KeyB, "b", Scopes),
        .. ApiKeyArgs.Entry(2, "prometheus", MetricsKey, "metrics"),
        "--ContentGrains:Engine:CatalogRefresh=00:00:00",
    ])
    {
    }

    [Fact]
    public async Task The_served_model_gauge_shows_each_held_tenant_with_its_own_champion()
    {
        using var a = Silo.WithKey(KeyA);
        using var b = Silo.WithKey(KeyB);
        using var metrics = Silo.WithKey(MetricsKey);
        await SeedAsync(a);
        await SeedAsync(b);
        Assert.Equal(1L, (long)(await a.TrainAsync())["version"]!);
        Assert.Equal(1L, (long)(await b.TrainAsync())["version"]!);
        // A feed makes the tenant's slot on this silo (a pushed champion goes only to slots held); a's second champion
        // is then pushed to it.
        foreach (var client in new[] { a, b }) Assert.Equal(200, (await client.GetJsonAsync("/v1/users/ann/feed?count=5")).Status);
        Assert.Equal(2L, (long)(await a.TrainAsync())["version"]!);

        var samples = await Eventually.Get(() => PrometheusSample.ScrapeAsync(metrics),
            s => Served(s, "a") == 2 && Served(s, "b") == 1, "a's v2 and b's v1 on the served-model gauge");
        Assert.Equal(2, PrometheusSample.ValueOf(samples, Gauge, "model=\"default\"", "tenant=\"a\""));
        Assert.Equal(1, PrometheusSample.ValueOf(samples, Gauge, "model=\"default\"", "tenant=\"b\""));
        Assert.DoesNotContain(samples, s => s.Name == Gauge && s.Labels.Contains("tenant=\"_default\"", StringComparison.Ordinal));
        Assert.Equal(2, samples.Count(s => s.Name == Gauge));
    }

    private static double? Served(IReadOnlyList<PrometheusSample> samples, string tenant) =>
        samples.SingleOrDefault(s => s.Name == Gauge && s.Labels.Contains($"tenant=\"{tenant}\"", StringComparison.Ordinal))?.Value;

    /// <summary>What the default tenant's gauge test trains on (MetricsEndpointTests): three people who watched two films.</summary>
    private static async Task SeedAsync(HttpClient tenant)
    {
        foreach (var id in new[] { "alien", "aliens", "heat" }) Assert.Equal(204, (await tenant.PutJsonAsync($"/v1/items/{id}", Item(id, "film"))).Status);
        var events = new List<object>();
        foreach (var user in new[] { "ann", "bob", "cat" })
        {
            events.Add(Event($"{user}-1", user, "alien", "view"));
            events.Add(Event($"{user}-2", user, "aliens", "like"));
        }
        events.Add(Event("eve-1", "eve", "heat", "view"));
        Assert.Equal(200, (await tenant.PostJsonAsync("/v1/events", events)).Status);
    }
}
