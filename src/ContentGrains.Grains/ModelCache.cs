using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's scorer: the champion model of the feed's registry, loaded from the model store. It asks the trainer
/// for the champion's version when its answer is older than <see cref="EngineOptions.ModelRefresh"/> and swaps a
/// new version in whole, so a request sees either the old model or the new one, never a mix.
/// </summary>
public sealed class ModelCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILogger<ModelCache> logger)
{
    private readonly RefreshSchedule schedule = new(clock);
    private LiveModel? model;

    /// <param name="fresh">Ask the trainer now, however recent the last answer.</param>
    public async ValueTask<LiveModel?> GetAsync(bool fresh = false)
    {
        await schedule.RunIfDueAsync(fresh ? TimeSpan.Zero : options.Value.ModelRefresh, async () =>
        {
            var champion = await grains.GetGrain<ITrainerGrain>(options.Value.ModelName).GetChampionAsync();
            if (champion is { } version && version != model?.Version)
                model = await LoadAsync(version) ?? model;
        });
        return model;
    }

    private async Task<LiveModel?> LoadAsync(long version)
    {
        var name = options.Value.ModelName;
        var bytes = await store.LoadAsync(name, version);
        if (bytes is null)
        {
            logger.LogWarning("Model {Name} version {Version} is the champion but not in the store; keeping the current one", name, version);
            return null;
        }
        var loaded = await Task.Run(() => LiveModel.FromBytes(bytes));
        logger.LogInformation("Loaded model {Name} version {Version} ({Kind}, {Items} items, {Bytes} bytes)", name, version, loaded.Kind, loaded.ItemIds.Count, bytes.Length);
        return loaded;
    }
}
