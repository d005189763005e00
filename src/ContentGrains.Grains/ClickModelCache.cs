using System.Diagnostics.Metrics;
using ContentGrains.Abstractions;
using ContentGrains.Core.Click;
using ContentGrains.Core.Live;
using ContentGrains.Core.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's click models: one <see cref="ClickModelSlot"/> per tenant (<see cref="TenantSlots{T}"/>, at most
/// <see cref="EngineOptions.MaxTenantModels"/> besides the default tenant's), each the champion of the tenant's click
/// registry: the click model name qualified by the tenant ("acme/click"; the default tenant's is the name itself).
/// </summary>
public sealed class ClickModelCache
{
    private readonly TenantSlots<ClickModelSlot> slots;
    private readonly string modelName;

    public ClickModelCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILocalSiloDetails silo,
        ILogger<ClickModelCache> logger, IClickModelLoader? loader = null)
    {
        modelName = options.Value.ClickModelName;
        slots = new(tenant => new ClickModelSlot(TenantKeys.Qualify(tenant, modelName), grains, store, options, clock, silo, logger, loader),
            options.Value.MaxTenantModels);
    }

    /// <summary>The default tenant's click model serving now, or null; starts a background poll when one is due.</summary>
    public ServingClickModel? Current => slots.Default.Current;

    /// <summary>The tenant's click model serving now, or null; starts a background poll when one is due.</summary>
    public ServingClickModel? CurrentOf(string tenant) => slots.Of(tenant).Current;

    /// <summary>Hands a pushed champion to its tenant's slot when this silo holds one (see <see cref="ModelCache.SwapToAsync"/>).</summary>
    public Task SwapToAsync(string name, long version)
    {
        var (tenant, local) = TenantKeys.Split(name);
        return local == modelName && slots.Find(tenant) is { } slot ? slot.SwapToAsync(version) : Task.CompletedTask;
    }

    /// <summary>The tenant's click champion retired: its slot, when this silo holds one, stops serving it (the feed keeps the weighted ranking).</summary>
    public Task RetireAsync(string name)
    {
        var (tenant, local) = TenantKeys.Split(name);
        return local == modelName && slots.Find(tenant) is { } slot ? slot.RetireAsync() : Task.CompletedTask;
    }

    /// <summary>Every held tenant's click champion for the served-version gauge.</summary>
    public IEnumerable<Measurement<long>> ServedVersions() => TenantSlots.ServedVersions(slots, static (slot, tenant) => slot.ServedVersion(tenant));

    public SiloModelView Report() => slots.Default.Report();
}
