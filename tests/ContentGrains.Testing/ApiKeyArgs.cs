using System.Security.Cryptography;
using System.Text;

namespace ContentGrains.Testing;

/// <summary>The command-line settings that configure one API key entry (ContentGrains:ApiKeys:N) on a test silo.</summary>
public static class ApiKeyArgs
{
    public static string[] Entry(int index, string name, string key, params string[] scopes) =>
    [
        $"--ContentGrains:ApiKeys:{index}:Name={name}",
        $"--ContentGrains:ApiKeys:{index}:Sha256={Sha256Hex(key)}",
        .. scopes.Select((scope, i) => $"--ContentGrains:ApiKeys:{index}:Scopes:{i}={scope}"),
    ];

    /// <summary>An entry whose key reaches one tenant's data only (README, "Tenants").</summary>
    public static string[] TenantEntry(int index, string name, string key, string tenant, params string[] scopes) =>
        [.. Entry(index, name, key, scopes), $"--ContentGrains:ApiKeys:{index}:Tenant={tenant}"];

    /// <summary>
    /// Computed here, independently of the engine's own hashing, as the README tells operators to:
    /// lower-case hex of the SHA-256 of the key's UTF-8 bytes (`printf %s KEY | sha256sum`).
    /// </summary>
    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
