using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Tenants;
using ContentGrains.Core.Topics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>Each silo's copy of each tenant's latest topics (<see cref="TenantSlots{T}"/>).</summary>
public sealed class TopicBookCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock,
    ILogger<TopicBookCache> logger)
{
    /// <summary>The default tenant's topics grain; a tenant's is <see cref="TenantJobs.GrainKey"/>.</summary>
    public const string TopicsGrainKey = TenantJobs.DefaultKey;

    private readonly TenantSlots<LatestModelCopy<TopicBook>> copies = new(tenant => new(TenantSlots.Describe("topics", tenant),
        TenantJobs.ModelName(tenant, TopicsOptions.ModelName),
        () => grains.GetGrain<ITopicsGrain>(TenantJobs.GrainKey(tenant)).GetLatestVersionAsync(),
        (bytes, version) => new TopicBook(CatalogTopics.FromJson(bytes), version), book => $"{book.Count} topics over {book.Topics.Items.Count} items",
        store, options.Value.ModelRefresh, clock, logger), TenantSlots.AnalysisModelBound);

    /// <summary>The default tenant's topics.</summary>
    public TopicBook? Current => copies.Default.Current;

    public TopicBook? CurrentOf(string tenant) => copies.Of(tenant).Current;

    /// <summary>Asks for the default tenant's latest version now and loads it when it is new.</summary>
    public Task<TopicBook?> RefreshAsync() => RefreshAsync(TenantKeys.Default);

    public Task<TopicBook?> RefreshAsync(string tenant) => copies.Of(tenant).RefreshAsync();
}
