using ContentGrains.Core.Performance;

namespace ContentGrains.Grains;

/// <summary>The live CTR model ("ContentGrains:Engine:CtrModel"): which items it learns from and how often it is refitted.</summary>
public sealed class CtrModelOptions
{
    /// <summary>The model-store name the CTR model versions are stored under.</summary>
    public const string ModelName = "ctr";

    /// <summary>The key of the default tenant's CTR model grain.</summary>
    public const string GrainKey = "default";

    /// <summary>The tenant's model-store name: "ctr" for the default tenant (as before tenants), "acme/ctr" for tenant acme.</summary>
    public static string NameOf(string tenant) => Core.Tenants.TenantKeys.Qualify(tenant, ModelName);

    /// <summary>The key of the tenant's CTR model grain: "default", or "acme/default" (a tenant may be called "default").</summary>
    public static string GrainKeyOf(string tenant) => Core.Tenants.TenantKeys.Qualify(tenant, GrainKey);

    /// <summary>How often the model is fitted again; zero turns the schedule off (POST /v1/ctr-model/fit by hand).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
    /// <summary>An item is a training row once it has this many impressions.</summary>
    public long MinImpressions { get; set; } = 50;
    /// <summary>Fewer rows than this and there is no fit (409): a young catalog keeps the fixed prior.</summary>
    public int MinItems { get; set; } = 30;
    /// <summary>The share of rows held out to score the model against the training mean.</summary>
    public double HeldOutShare { get; set; } = 0.2;
    public int Seed { get; set; } = 42;
    /// <summary>Item grains asked at once while the fit reads the catalog.</summary>
    public int ReadParallelism { get; set; } = 64;

    public CatalogCtrOptions Fit => new(MinImpressions, MinItems, HeldOutShare, Seed);
}
