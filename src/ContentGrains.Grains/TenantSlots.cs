using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ContentGrains.Core.Tenants;

namespace ContentGrains.Grains;

/// <summary>What the per-tenant caches share: the bound of the analysis models' copies and how a log line names a copy.</summary>
public static class TenantSlots
{
    /// <summary>Tenants besides the default one whose topics, segments or rules a silo holds at once (each kind apart).</summary>
    public const int AnalysisModelBound = 1_000;

    /// <summary>
    /// The "tenant" label of a metric: the tenant's name, or "_default" for the default tenant (a name no tenant can take:
    /// '_' is not allowed in one, see <see cref="TenantKeys.CheckName"/>).
    /// </summary>
    public static string MetricLabel(string tenant) => tenant.Length == 0 ? "_default" : tenant;

    /// <summary>Each slot's measurement with its tenant's label, the slots that serve nothing left out.</summary>
    public static IEnumerable<Measurement<long>> ServedVersions<T>(TenantSlots<T> slots, Func<T, string, Measurement<long>?> served) where T : class
    {
        foreach (var (tenant, slot) in slots.All())
            if (served(slot, MetricLabel(tenant)) is { } measurement) yield return measurement;
    }

    /// <summary>How the log names a tenant's model: "topics", "topics of tenant acme".</summary>
    public static string Describe(string what, string tenant) => tenant.Length == 0 ? what : $"{what} of tenant {tenant}";
}

/// <summary>
/// One slot per tenant in a silo's model cache (the feed, click, CTR and sentiment models are each tenant's own). The
/// default tenant's slot is a field, made up front, so its feed path costs no look-up; another tenant's slot is made
/// on its first request. At most <see cref="EngineOptions.MaxTenantModels"/> other tenants are held: past it the one
/// used longest ago is dropped (<paramref name="evicted"/> releases what it holds) and loads again when next asked.
/// </summary>
public sealed class TenantSlots<T>(Func<string, T> create, int bound, Action<T>? evicted = null) where T : class
{
    private sealed class Held(T slot)
    {
        public T Slot { get; } = slot;
        public long LastUsed;
    }

    private readonly ConcurrentDictionary<string, Held> others = new(StringComparer.Ordinal);
    private readonly object evicting = new();

    public int Bound { get; } = bound >= 1 ? bound : throw new ArgumentOutOfRangeException(nameof(bound), bound, "at least one tenant's models must fit");

    public T Default { get; } = create(TenantKeys.Default);

    /// <summary>The tenant's slot, made now when it has none.</summary>
    public T Of(string tenant)
    {
        if (tenant.Length == 0) return Default;
        var held = others.GetOrAdd(tenant, static (t, make) => new Held(make(t)), create);
        Volatile.Write(ref held.LastUsed, Environment.TickCount64);
        if (others.Count > Bound) EvictOldest(tenant);
        return held.Slot;
    }

    /// <summary>The tenant's slot when it has one; never makes one.</summary>
    public T? Find(string tenant) => tenant.Length == 0 ? Default : others.TryGetValue(tenant, out var held) ? held.Slot : null;

    /// <summary>Every slot held now, the default tenant's first, with its tenant.</summary>
    public IEnumerable<(string Tenant, T Slot)> All() =>
        others.Select(o => (o.Key, o.Value.Slot)).Prepend((TenantKeys.Default, Default));

    private void EvictOldest(string keep)
    {
        lock (evicting)
        {
            while (others.Count > Bound)
            {
                var oldest = others.Where(o => o.Key != keep).MinBy(o => Volatile.Read(ref o.Value.LastUsed));
                if (oldest.Key is null || !others.TryRemove(oldest.Key, out var gone)) return;
                evicted?.Invoke(gone.Slot);
            }
        }
    }
}
