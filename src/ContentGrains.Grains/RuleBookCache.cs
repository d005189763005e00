using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Rules;
using ContentGrains.Core.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>Each silo's copy of each tenant's latest association rules (<see cref="TenantSlots{T}"/>).</summary>
public sealed class RuleBookCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILogger<RuleBookCache> logger)
{
    /// <summary>The default tenant's rules grain; a tenant's is <see cref="TenantJobs.GrainKey"/>.</summary>
    public const string RulesGrainKey = TenantJobs.DefaultKey;

    private readonly TenantSlots<LatestModelCopy<RuleBook>> copies = new(tenant => new(TenantSlots.Describe("association rules", tenant),
        TenantJobs.ModelName(tenant, RulesOptions.ModelName),
        () => grains.GetGrain<IRulesGrain>(TenantJobs.GrainKey(tenant)).GetLatestVersionAsync(),
        (bytes, version) => new RuleBook(MinedRules.FromJson(bytes), version), book => $"{book.Rules.Rules.Count} rules",
        store, options.Value.ModelRefresh, clock, logger), TenantSlots.AnalysisModelBound);

    /// <summary>The default tenant's rules.</summary>
    public RuleBook? Current => copies.Default.Current;

    public RuleBook? CurrentOf(string tenant) => copies.Of(tenant).Current;

    /// <summary>Asks for the default tenant's latest version now and loads it when it is new.</summary>
    public Task<RuleBook?> RefreshAsync() => RefreshAsync(TenantKeys.Default);

    public Task<RuleBook?> RefreshAsync(string tenant) => copies.Of(tenant).RefreshAsync();
}
