using ContentGrains.Testing;

namespace ContentGrains.Silo.Tests;

/// <summary>A client of a test silo that sends one API key with every request, so the Json helpers work as that key.</summary>
public static class KeyedClient
{
    public static HttpClient WithKey(this SiloProcess silo, string key)
    {
        var client = new HttpClient { BaseAddress = silo.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
