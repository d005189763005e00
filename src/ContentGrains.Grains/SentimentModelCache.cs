using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Sentiment;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>Each silo's copy of the latest sentiment model (<see cref="LatestModelCopy{T}"/>), which scores comments.</summary>
public sealed class SentimentModelCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILogger<SentimentModelCache> logger)
{
    private readonly LatestModelCopy<LoadedSentimentModel> copy = new("sentiment model", SentimentOptions.ModelName,
        async () => (await grains.GetGrain<ISentimentModelGrain>(SentimentOptions.DefaultKey).GetLatestAsync())?.Version,
        (bytes, version) => new LoadedSentimentModel(SentimentModel.FromJson(bytes), version), _ => "scores comments",
        store, options.Value.ModelRefresh, clock, logger);

    /// <summary>The copy in hand after a refresh when one is due (null while no model was ever stored).</summary>
    public Task<LoadedSentimentModel?> GetAsync() => copy.GetAsync();
}

/// <summary>A sentiment model and its version in the store.</summary>
public sealed record LoadedSentimentModel(SentimentModel Model, long Version);
