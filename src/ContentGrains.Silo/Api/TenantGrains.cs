using ContentGrains.Core.Tenants;
using ContentGrains.Silo.Security;

namespace ContentGrains.Silo.Api;

/// <summary>
/// How an endpoint reaches grains: always through the request's tenant (which <see cref="ApiKeyMiddleware"/> read from
/// the key), never with a raw id, so no request can name another tenant's user, item or experiment. An endpoint takes
/// it as a parameter; minimal APIs bind it from the request (<see cref="BindAsync"/>).
/// </summary>
public sealed class TenantGrains(IGrainFactory factory, string tenant)
{
    public string Tenant => tenant;

    /// <summary>The grain of the tenant's <paramref name="id"/> (a user, item or experiment id as the client names it).</summary>
    public T Get<T>(string id) where T : IGrainWithStringKey => factory.GetGrain<T>(TenantKeys.Qualify(tenant, id));

    /// <summary>The tenant's key of an id that a body names (a person in an experiment call): what grains hold.</summary>
    public string Key(string id) => TenantKeys.Qualify(tenant, id);

    /// <summary>The tenant's analysis job grain (topics, segments, rules, KPIs, reports): <see cref="TenantJobs.GrainKey"/>.</summary>
    public T Job<T>() where T : IGrainWithStringKey => factory.GetGrain<T>(TenantJobs.GrainKey(tenant));

    /// <summary>A stateless worker keyed by number (ingest, item import): the tenant goes with each call instead.</summary>
    public T Worker<T>() where T : IGrainWithIntegerKey => factory.GetGrain<T>(0);

    public static ValueTask<TenantGrains?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<TenantGrains?>(new(context.RequestServices.GetRequiredService<IGrainFactory>(), TenantOf(context)));

    public static string TenantOf(HttpContext context) => context.Items[ApiKeyMiddleware.TenantItem] as string ?? TenantKeys.Default;
}
