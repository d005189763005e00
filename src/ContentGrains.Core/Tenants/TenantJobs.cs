namespace ContentGrains.Core.Tenants;

/// <summary>
/// Where a tenant's analysis jobs (topics, segments, rules, KPIs, reports) keep their state: the job grain's key and the
/// names of what it stores in the model store are the install-wide names qualified like every other key
/// (<see cref="TenantKeys.Qualify(string, string)"/>). The default tenant's are today's ("default", "topics"), so an
/// install keeps its stored topics, segments, rules, KPIs and reports with no migration; tenant acme's are
/// "acme/default" and "acme/topics".
/// </summary>
public static class TenantJobs
{
    /// <summary>The key of the default tenant's job grains, as before tenants.</summary>
    public const string DefaultKey = "default";

    public static string GrainKey(string tenant) => TenantKeys.Qualify(tenant, DefaultKey);

    /// <summary>The tenant's name for a stored model ("topics", "segments", "report", …).</summary>
    public static string ModelName(string tenant, string name) => TenantKeys.Qualify(tenant, name);

    /// <summary>The tenant a job grain's key belongs to.</summary>
    public static string TenantOf(string grainKey) => TenantKeys.TenantOf(grainKey);
}
