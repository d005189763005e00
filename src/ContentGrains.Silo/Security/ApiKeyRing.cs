using System.Security.Cryptography;
using ContentGrains.Core.Security;
using ContentGrains.Core.Tenants;

namespace ContentGrains.Silo.Security;

/// <summary>
/// The configured API keys, read from <c>ContentGrains:ApiKeys</c>: entries <c>{ Name, Sha256, Scopes }</c>. Only the
/// SHA-256 of a key is configured, so a leaked configuration file does not leak a key. A presented key is hashed and
/// compared with every entry in constant time, so the time an answer takes says nothing about how close a guess was.
/// </summary>
public sealed class ApiKeyRing
{
    public const string Setting = "ContentGrains:ApiKeys";

    private readonly IReadOnlyList<ApiKeyEntry> entries;

    /// <summary>The keys of one configured entry, as <see cref="Load"/> reads them (for <see cref="Hosting.KnownSettings"/>).</summary>
    public sealed class EntryShape
    {
        public string? Name { get; set; }
        public string? Sha256 { get; set; }
        public List<string> Scopes { get; set; } = [];
        /// <summary>Optional: the tenant whose data the key reaches; none is the default tenant (README, "Tenants").</summary>
        public string? Tenant { get; set; }
    }

    public ApiKeyRing(IReadOnlyList<ApiKeyEntry> entries) => this.entries = entries;

    public bool IsEmpty => entries.Count == 0;
    public int Count => entries.Count;

    /// <summary>The entry whose hash matches <paramref name="presentedKey"/>, or null. Every entry is compared.</summary>
    public ApiKeyEntry? Find(string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey)) return null;
        var hash = ApiKeyHash.Of(presentedKey);
        ApiKeyEntry? match = null;
        foreach (var entry in entries)
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Sha256)) match ??= entry;
        return match;
    }

    /// <summary>Reads and checks the entries; a plain-string key, an empty or malformed hash or an unknown scope throws, naming the entry.</summary>
    public static ApiKeyRing Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(Setting);
        if (section.Value is { Length: > 0 })
            throw new InvalidOperationException($"{Setting} must be a list of entries {{ Name, Sha256, Scopes }}, got a plain string (README, \"Security\")");
        var children = section.GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue).ToList();
        return new ApiKeyRing(children.Select(Entry).ToList());
    }

    private static ApiKeyEntry Entry(IConfigurationSection entry)
    {
        var where = $"{Setting}:{entry.Key}";
        if (entry.Value is not null)
            throw new InvalidOperationException($"{where} is a plain key; keys are now entries {{ Name, Sha256, Scopes }} holding the key's SHA-256, never the key (make one with: contentgrains key new --name NAME --scopes read,ingest)");
        var name = entry[nameof(EntryShape.Name)];
        if (string.IsNullOrWhiteSpace(name)) throw new InvalidOperationException($"{where}: Name is required");
        where = $"{where} ({name})";
        return new ApiKeyEntry(name, ParseHash(entry[nameof(EntryShape.Sha256)], where), ParseScopes(entry.GetSection(nameof(EntryShape.Scopes)), where),
            ParseTenant(entry[nameof(EntryShape.Tenant)], where));
    }

    private static string ParseTenant(string? tenant, string where)
    {
        if (tenant is null) return TenantKeys.Default;
        return TenantKeys.CheckName(tenant) is { } reason
            ? throw new InvalidOperationException($"{where}: Tenant '{Shorten(tenant)}' {reason} (or leave Tenant out for the default tenant)")
            : tenant;
    }

    private static byte[] ParseHash(string? hex, string where)
    {
        if (string.IsNullOrWhiteSpace(hex))
            throw new InvalidOperationException($"{where}: Sha256 is empty; it must be the 64 hex digits of the key's SHA-256");
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            throw new InvalidOperationException($"{where}: Sha256 must be the 64 hex digits of the key's SHA-256, got {hex.Length} characters '{Shorten(hex)}'");
        return Convert.FromHexString(hex);
    }

    private static HashSet<string> ParseScopes(IConfigurationSection section, string where)
    {
        var scopes = section.GetChildren().Select(c => c.Value ?? "").ToList();
        if (scopes.Count == 0)
            throw new InvalidOperationException($"{where}: Scopes is empty; list one or more of {string.Join(", ", ApiScope.All)}");
        foreach (var scope in scopes)
            if (!ApiScope.All.Contains(scope))
                throw new InvalidOperationException($"{where}: unknown scope '{scope}'; scopes are {string.Join(", ", ApiScope.All)}");
        return [.. scopes];
    }

    private static string Shorten(string text) => text.Length <= 12 ? text : text[..12] + "…";
}
