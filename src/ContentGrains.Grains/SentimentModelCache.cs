using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Sentiment;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's copies of the latest sentiment models (<see cref="LatestModelCopy{T}"/>), which score comments: one per
/// tenant (<see cref="TenantSlots{T}"/>), each tenant's comments scored by its own model (<see cref="SentimentOptions.ModelNameOf"/>).
/// </summary>
public sealed class SentimentModelCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILogger<SentimentModelCache> logger)
{
    private readonly TenantSlots<LatestModelCopy<LoadedSentimentModel>> copies = new(tenant => new("sentiment model", SentimentOptions.ModelNameOf(tenant),
        async () => (await grains.GetGrain<ISentimentModelGrain>(SentimentOptions.KeyOf(tenant)).GetLatestAsync())?.Version,
        (bytes, version) => new LoadedSentimentModel(SentimentModel.FromJson(bytes), version), _ => "scores comments",
        store, options.Value.ModelRefresh, clock, logger), options.Value.MaxTenantModels);

    /// <summary>The default tenant's copy after a refresh when one is due (null while no model was ever stored).</summary>
    public Task<LoadedSentimentModel?> GetAsync() => copies.Default.GetAsync();

    /// <summary>The tenant's copy after a refresh when one is due (null while the tenant never stored a model).</summary>
    public Task<LoadedSentimentModel?> GetAsync(string tenant) => copies.Of(tenant).GetAsync();
}

/// <summary>A sentiment model and its version in the store.</summary>
public sealed record LoadedSentimentModel(SentimentModel Model, long Version);
