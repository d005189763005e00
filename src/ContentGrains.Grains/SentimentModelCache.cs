using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Sentiment;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's copy of the latest sentiment model: at most every <see cref="EngineOptions.ModelRefresh"/> it asks the
/// sentiment model grain for the latest version and loads a new one from the model store. A version that fails to load
/// leaves the old copy serving.
/// </summary>
public sealed class SentimentModelCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILogger<SentimentModelCache> logger)
{
    private readonly RefreshSchedule schedule = new(clock);
    private volatile LoadedSentimentModel? current;

    /// <summary>The copy in hand after a refresh when one is due (null while no model was ever stored).</summary>
    public async Task<LoadedSentimentModel?> GetAsync()
    {
        try
        {
            await schedule.RunIfDueAsync(options.Value.ModelRefresh, LoadLatestAsync);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Could not refresh the sentiment model; the current copy keeps serving");
        }
        return current;
    }

    private async Task LoadLatestAsync()
    {
        var latest = await grains.GetGrain<ISentimentModelGrain>(SentimentOptions.DefaultKey).GetLatestAsync();
        if (latest is null || latest.Version == current?.Version) return;
        var bytes = await store.LoadAsync(SentimentOptions.ModelName, latest.Version);
        if (bytes is null) return;
        current = new LoadedSentimentModel(SentimentModel.FromJson(bytes), latest.Version);
        logger.LogInformation("Scoring comments with sentiment model v{Version}", latest.Version);
    }
}

/// <summary>A sentiment model and its version in the store.</summary>
public sealed record LoadedSentimentModel(SentimentModel Model, long Version);
