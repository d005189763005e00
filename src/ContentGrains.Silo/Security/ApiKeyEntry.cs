namespace ContentGrains.Silo.Security;

/// <summary>
/// One configured key: its name (for logs and errors), the SHA-256 of the key, never the key, its scopes, and the
/// tenant whose data it reaches (<see cref="Core.Tenants.TenantKeys.Default"/> when the entry names none).
/// </summary>
public sealed record ApiKeyEntry(string Name, byte[] Sha256, IReadOnlySet<string> Scopes, string Tenant = Core.Tenants.TenantKeys.Default);
