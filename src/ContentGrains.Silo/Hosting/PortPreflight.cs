using System.Net;
using System.Net.Sockets;

namespace ContentGrains.Silo.Hosting;

/// <summary>
/// Checks, before anything starts, that the HTTP, silo and gateway ports can be bound. Kestrel binds only after the
/// Orleans silo has started, so a taken HTTP port would otherwise end in a silo torn down half-started, with a page
/// of shutdown errors around the one line that matters. A port taken between this check and the bind still fails,
/// and <see cref="StartupFailure"/> explains it.
/// </summary>
public static class PortPreflight
{
    public static string? FirstTaken(HttpBinds binds, ContentGrainsHostOptions options)
    {
        var endpoints = HttpEndpoints(binds.Urls)
            .Select(e => (e.Address, e.Port, Switch: binds.Setting))
            .Append((IPAddress.Any, options.SiloPort, "--silo-port"))
            .Append((IPAddress.Any, options.GatewayPort, "--gateway-port"));
        foreach (var (address, port, name) in endpoints)
        {
            if (port == 0 || CanBind(address, port)) continue;
            return $"cannot start: address already in use: port {port} on {address} is taken. Choose a free one with {name}"
                + (name == binds.Setting ? " http://127.0.0.1:PORT (the HTTP API)." : " PORT.");
        }
        return null;
    }

    /// <summary>The addresses a list of URLs binds: a host name counts as every address, "localhost" as loopback.</summary>
    public static IEnumerable<IPEndPoint> HttpEndpoints(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcard hosts ("*", "+") are not valid URI hosts.
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri)) continue;
            var address = uri.Host is "localhost" ? IPAddress.Loopback
                : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed : IPAddress.Any;
            yield return new IPEndPoint(address, uri.Port);
        }
    }

    private static bool CanBind(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse) { return false; }
        catch (SocketException) { return true; } // not ours to judge (an address this host lacks): Kestrel will say
    }
}
