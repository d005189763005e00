using System.Net;

namespace ContentGrains.Silo.Security;

/// <summary>
/// Secure by default: a silo without API keys answers anyone who can reach it, so it may listen on loopback only.
/// Binding any other address (0.0.0.0, a host name, a LAN address) without keys is refused before anything starts,
/// unless <c>ContentGrains:AllowOpenApi=true</c> says the network in front of it is trusted.
/// </summary>
public static class OpenBindPolicy
{
    public const string OverrideSetting = "ContentGrains:AllowOpenApi";

    /// <summary>The one line that refuses the start, or null when the bind is allowed.</summary>
    public static string? Refusal(Hosting.HttpBinds binds, ApiKeyRing keys, bool allowOpen)
    {
        if (!keys.IsEmpty || allowOpen) return null;
        var open = PublicUrls(binds.Urls).FirstOrDefault();
        return open is null ? null
            : $"cannot start: {binds.Setting} binds {open}, not a loopback address, but no API keys are configured. Configure {ApiKeyRing.Setting} (README, \"Security\"), "
              + $"listen on 127.0.0.1 with --urls, or set {OverrideSetting}=true if the network in front of this silo is trusted.";
    }

    /// <summary>Whether the silo answers beyond this machine: shown in the start-up log.</summary>
    public static bool IsLoopbackOnly(string? urls) => !PublicUrls(urls).Any();

    private static IEnumerable<IPEndPoint> PublicUrls(string? urls) =>
        Hosting.PortPreflight.HttpEndpoints(urls).Where(e => !IPAddress.IsLoopback(e.Address));
}
