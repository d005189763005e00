namespace ContentGrains.Core.Tenants;

/// <summary>
/// The one place that puts a tenant into a key and takes it out again. A tenant's user, item, event and experiment ids
/// become <c>tenant/id</c> in grain keys and in the event log's id columns, so every grain, row, dedupe entry and
/// replay of one tenant is apart from every other tenant's. The default tenant (no tenant configured) keeps the ids
/// unchanged, so a single-tenant install and the data it stored before tenants existed need nothing.
/// The separator '/' is one the id rule (<see cref="Events.EventValidator.CheckId"/>) refuses, and so is every
/// character a tenant name may not hold: a client id can never pose as another tenant's key.
/// </summary>
public static class TenantKeys
{
    /// <summary>The tenant of keys without a tenant, and of an install with no keys.</summary>
    public const string Default = "";
    public const char Separator = '/';
    public const int MaxNameLength = 32;
    /// <summary>The longest qualified key: what the store's id columns hold (deploy/sql/postgresql/17-contentgrains-tenant-keys.sql).</summary>
    public const int MaxKeyLength = MaxNameLength + 1 + Events.EventValidator.MaxIdLength;

    public static string Qualify(string tenant, string id) => tenant.Length == 0 ? id : string.Concat(tenant, "/", id);

    /// <summary>The tenant and the caller's id of a qualified key; a key without a separator is the default tenant's.</summary>
    public static (string Tenant, string Id) Split(string key)
    {
        var at = key.IndexOf(Separator);
        return at < 0 ? (Default, key) : (key[..at], key[(at + 1)..]);
    }

    public static string TenantOf(string key) => Split(key).Tenant;

    /// <summary>The id as the tenant's own clients name it: what answers carry, never the qualified key.</summary>
    public static string IdOf(string key) => Split(key).Id;

    /// <summary>A validated event of <paramref name="tenant"/>, its event, user and item ids qualified (dedupe is per tenant).</summary>
    public static Events.Interaction Qualify(string tenant, Events.Interaction e) => tenant.Length == 0 ? e
        : e with { EventId = Qualify(tenant, e.EventId), UserId = Qualify(tenant, e.UserId), ItemId = Qualify(tenant, e.ItemId) };

    public static bool Belongs(string tenant, string key) => TenantOf(key) == tenant;

    /// <summary>Why <paramref name="name"/> cannot be a tenant, or null: lower-case ASCII letters, digits and '-', 1-32 characters.</summary>
    public static string? CheckName(string name)
    {
        if (name.Length is 0 or > MaxNameLength) return $"must be 1-{MaxNameLength} characters, got {name.Length}";
        foreach (var c in name)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                return $"contains '{c}'; a tenant is lower-case ASCII letters (a-z), digits and '-'";
        return null;
    }
}
