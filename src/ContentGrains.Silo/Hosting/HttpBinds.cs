namespace ContentGrains.Silo.Hosting;

/// <summary>
/// Where Kestrel will listen, read from configuration before anything starts, in Kestrel's own order of precedence:
/// endpoints under <c>Kestrel:Endpoints</c> replace <c>Urls</c>; <c>Urls</c> (--urls, ASPNETCORE_URLS) replaces
/// <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c> (ASPNETCORE_HTTP_PORTS, which Microsoft's container images set to 8080, binds
/// every interface); with none of them Kestrel listens on localhost:5000. The open-bind refusal and the port check
/// read this, so a public bind cannot slip past them through a setting other than --urls.
/// </summary>
public sealed record HttpBinds(string Setting, string Urls)
{
    public static HttpBinds Of(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Where(e => !string.IsNullOrWhiteSpace(e["Url"])).ToList();
        if (endpoints.Count > 0)
            return new(endpoints.Count == 1 ? $"Kestrel:Endpoints:{endpoints[0].Key}:Url" : "Kestrel:Endpoints", string.Join(';', endpoints.Select(e => e["Url"])));
        if (configuration["Urls"] is { Length: > 0 } urls) return new("--urls", urls);
        var ports = PortUrls("http", configuration["HTTP_PORTS"]).Concat(PortUrls("https", configuration["HTTPS_PORTS"])).ToList();
        return ports.Count > 0 ? new("HTTP_PORTS", string.Join(';', ports)) : new("--urls", "http://localhost:5000");
    }

    /// <summary>"8080;8081" → http://*:8080, http://*:8081, as Kestrel reads the ports settings.</summary>
    private static IEnumerable<string> PortUrls(string scheme, string? ports) =>
        (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");
}
