using System.Diagnostics.Metrics;
using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Tenants;
using ContentGrains.Core.Vectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's scorer: every tenant's feed model (<see cref="FeedModelSlot"/>), one slot per tenant (<see cref="TenantSlots{T}"/>,
/// at most <see cref="EngineOptions.MaxTenantModels"/> besides the default tenant's). A tenant's registry is the
/// feed model name qualified by the tenant (<see cref="TenantKeys.Qualify(string, string)"/>: "acme/default"; the default
/// tenant's is the name itself), so a pushed champion goes to its tenant's slot only and a feed is scored by its own
/// tenant's champion.
/// </summary>
public sealed class ModelCache
{
    private readonly TenantSlots<FeedModelSlot> slots;
    private readonly string modelName;

    public ModelCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILocalSiloDetails silo,
        ILogger<ModelCache> logger, IVectorIndexBuilder indexBuilder)
    {
        modelName = options.Value.ModelName;
        slots = new(tenant => new FeedModelSlot(TenantKeys.Qualify(tenant, modelName), grains, store, options, clock, silo, logger, indexBuilder),
            options.Value.MaxTenantModels, slot => slot.Release());
    }

    /// <summary>The default tenant's model (see <see cref="FeedModelSlot.GetAsync"/>).</summary>
    public ValueTask<LiveModel?> GetAsync(bool fresh = false) => slots.Default.GetAsync(fresh);

    /// <summary>The tenant's model (see <see cref="FeedModelSlot.GetAsync"/>).</summary>
    public ValueTask<LiveModel?> GetAsync(string tenant, bool fresh = false) => slots.Of(tenant).GetAsync(fresh);

    /// <summary>
    /// Hands a pushed champion to its tenant's slot. A tenant this silo holds no slot for is left alone: its first feed
    /// here asks the trainer (so a push never fills the cache with tenants the silo does not serve). A name that is
    /// not a feed registry is ignored.
    /// </summary>
    public Task SwapToAsync(string name, long version)
    {
        var (tenant, local) = TenantKeys.Split(name);
        return local == modelName && slots.Find(tenant) is { } slot ? slot.SwapToAsync(version) : Task.CompletedTask;
    }

    /// <summary>Every held tenant's champion for the served-version gauge (tenants whose slot serves nothing yet left out).</summary>
    public IEnumerable<Measurement<long>> ServedVersions() => TenantSlots.ServedVersions(slots, static (slot, tenant) => slot.ServedVersion(tenant));

    /// <summary>What this silo serves of the default tenant's model.</summary>
    public SiloModelView Report() => slots.Default.Report();
}
