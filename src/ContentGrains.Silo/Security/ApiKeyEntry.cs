namespace ContentGrains.Silo.Security;

/// <summary>One configured key: its name (for logs and errors), the SHA-256 of the key, never the key, and its scopes.</summary>
public sealed record ApiKeyEntry(string Name, byte[] Sha256, IReadOnlySet<string> Scopes);
