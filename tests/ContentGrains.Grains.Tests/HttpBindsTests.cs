using ContentGrains.Silo.Hosting;
using ContentGrains.Silo.Security;
using Microsoft.Extensions.Configuration;

namespace ContentGrains.Grains.Tests;

/// <summary>Where Kestrel will listen, in Kestrel's order: endpoints, then Urls, then HTTP_PORTS, then localhost:5000.</summary>
public sealed class HttpBindsTests
{
    [Fact]
    public void Kestrel_endpoints_replace_urls()
    {
        var binds = HttpBinds.Of(Configuration(("Kestrel:Endpoints:Web:Url", "http://0.0.0.0:9000"), ("Urls", "http://127.0.0.1:5080")));

        Assert.Equal(new HttpBinds("Kestrel:Endpoints:Web:Url", "http://0.0.0.0:9000"), binds);
    }

    [Fact]
    public void Urls_replace_the_ports_settings()
    {
        var binds = HttpBinds.Of(Configuration(("Urls", "http://127.0.0.1:5080"), ("HTTP_PORTS", "8080")));

        Assert.Equal(new HttpBinds("--urls", "http://127.0.0.1:5080"), binds);
    }

    [Fact]
    public void Http_ports_alone_bind_every_interface_and_are_refused_without_keys()
    {
        // Microsoft's container images set ASPNETCORE_HTTP_PORTS=8080: with no Urls that is every interface.
        var binds = HttpBinds.Of(Configuration(("HTTP_PORTS", "8080;8081"), ("HTTPS_PORTS", "8443")));

        Assert.Equal(new HttpBinds("HTTP_PORTS", "http://*:8080;http://*:8081;https://*:8443"), binds);
        Assert.Contains("HTTP_PORTS binds 0.0.0.0:8080, not a loopback address", OpenBindPolicy.Refusal(binds, ApiKeyRing.Load(Configuration()), allowOpen: false));
    }

    [Fact]
    public void Nothing_set_is_kestrels_default_on_loopback_and_allowed()
    {
        var binds = HttpBinds.Of(Configuration());

        Assert.Equal("http://localhost:5000", binds.Urls);
        Assert.Null(OpenBindPolicy.Refusal(binds, ApiKeyRing.Load(Configuration()), allowOpen: false));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
