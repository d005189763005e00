using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>Each API key has a token bucket (RateLimitPerSecond, RateLimitBurst); over it, 429 with Retry-After. Health is never limited, nor is another key.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Over_its_burst_a_client_gets_429_with_retry_after_and_health_still_answers()
    {
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartSqliteAsync(data.Path,
            ["--ContentGrains:RateLimitPerSecond", "1", "--ContentGrains:RateLimitBurst", "5",
             .. ApiKeyArgs.Entry(0, "busy", "busy-key-0123456789", "read"), .. ApiKeyArgs.Entry(1, "calm", "calm-key-0123456789", "read")]);
        silo.Http.DefaultRequestHeaders.Add("X-Api-Key", "busy-key-0123456789");

        var statuses = new List<int>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 12; i++)
        {
            var response = await silo.Http.GetAsync("/v1/trending?count=1");
            statuses.Add((int)response.StatusCode);
            if ((int)response.StatusCode == 429) refused ??= response; else response.Dispose();
        }

        Assert.Equal(5, statuses.Take(5).Count(s => s == 200)); // the burst
        Assert.NotNull(refused);
        Assert.Equal("1", refused!.Headers.GetValues("Retry-After").Single());
        Assert.Contains("rate limit", await refused.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        for (var i = 0; i < 10; i++) Assert.Equal(200, (int)(await silo.Http.GetAsync("/health/live")).StatusCode);
        using var calm = new HttpRequestMessage(HttpMethod.Get, "/v1/trending?count=1") { Headers = { { "X-Api-Key", "calm-key-0123456789" } } };
        silo.Http.DefaultRequestHeaders.Remove("X-Api-Key");
        Assert.Equal(200, (int)(await silo.Http.SendAsync(calm)).StatusCode); // its own bucket
        refused.Dispose();
    }
}
