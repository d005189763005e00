using System.Collections.Concurrent;
using ContentGrains.Core.Tenants;

namespace ContentGrains.Grains;

/// <summary>
/// A silo's copies of one kind of model (topics, segments, rules), one <see cref="LatestModelCopy{T}"/> per tenant: made
/// the first time the tenant asks, holding a model only once the tenant has fitted one (a copy of a tenant without
/// results is an empty entry). The default tenant's copy is a field, so its feed path reads it with no lookup.
/// Bounded: at most <see cref="MaxTenants"/> copies; past that, one other tenant's copy is dropped and loaded again from
/// the model store when that tenant next asks.
/// </summary>
public sealed class TenantModelCopies<T>(Func<string, LatestModelCopy<T>> create) where T : class
{
    public const int MaxTenants = 1_000;

    private readonly LatestModelCopy<T> defaultCopy = create(TenantKeys.Default);
    private readonly ConcurrentDictionary<string, LatestModelCopy<T>> copies = new(StringComparer.Ordinal);

    public LatestModelCopy<T> Of(string tenant)
    {
        if (tenant.Length == 0) return defaultCopy;
        if (copies.TryGetValue(tenant, out var copy)) return copy;
        if (copies.Count >= MaxTenants && copies.Keys.FirstOrDefault() is { } dropped) copies.TryRemove(dropped, out _);
        return copies.GetOrAdd(tenant, create);
    }

    /// <summary>How the log names a tenant's model: "topics", "topics of tenant acme".</summary>
    public static string Describe(string what, string tenant) => tenant.Length == 0 ? what : $"{what} of tenant {tenant}";
}
