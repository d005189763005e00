using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>With API keys configured, the API and the dashboard need one; health stays open for probes.</summary>
public sealed class ApiKeyTests
{
    [Fact]
    public async Task Api_and_dashboard_require_a_configured_key_and_health_does_not()
    {
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartSqliteAsync(data.Path, "--ContentGrains:ApiKeys:0=first-key", "--ContentGrains:ApiKeys:1=second-key");

        Assert.Equal(401, await StatusAsync(silo, "/v1/users/u/profile", key: null));
        Assert.Equal(401, await StatusAsync(silo, "/v1/users/u/profile", key: "wrong"));
        Assert.Equal(401, await StatusAsync(silo, "/dashboard/", key: null));
        Assert.Equal(200, await StatusAsync(silo, "/v1/users/u/profile", key: "second-key"));
        Assert.Equal(200, await StatusAsync(silo, "/dashboard/", key: "first-key"));
        Assert.Equal(200, await StatusAsync(silo, "/health/ready", key: null));

        // A browser opens the dashboard once with ?apiKey=…, then the cookie carries it.
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = silo.Http.BaseAddress };
        Assert.Equal(200, (int)(await browser.GetAsync("/dashboard/?apiKey=first-key")).StatusCode);
        Assert.Equal(200, (int)(await browser.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(401, (int)(await browser.GetAsync("/v1/users/u/profile")).StatusCode);
    }

    private static async Task<int> StatusAsync(SiloProcess silo, string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        using var response = await silo.Http.SendAsync(request);
        return (int)response.StatusCode;
    }
}
