using ContentGrains.Core.Events;
using ContentGrains.Core.Tenants;

namespace ContentGrains.Core.Log;

/// <summary>
/// Which rows of the event log are a tenant's: those whose person is the tenant's (every id of a row is qualified the
/// same way, <see cref="TenantKeys.Qualify(string, Interaction)"/>). The default tenant's person ids hold no '/';
/// another tenant's start with <c>tenant/</c>. The stores say the same in SQL (a prefix test on user_id).
/// </summary>
public static class TenantRows
{
    public static bool Holds(string tenant, Interaction e) => TenantKeys.Belongs(tenant, e.UserId);

    /// <summary>What a tenant's person ids start with; null for the default tenant (ids without '/').</summary>
    public static string? Prefix(string tenant) => tenant.Length == 0 ? null : tenant + TenantKeys.Separator;
}
