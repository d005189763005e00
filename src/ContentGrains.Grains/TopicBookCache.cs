using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Topics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's copy of the latest topics: at most every <see cref="EngineOptions.ModelRefresh"/> it asks the topics
/// grain for the latest version, in the background, and loads a new one from the model store. A request never waits:
/// it gets the copy in hand (null before the first load); a version that fails to load leaves the old one serving.
/// </summary>
public sealed class TopicBookCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock,
    ILogger<TopicBookCache> logger)
{
    public const string TopicsGrainKey = "default";

    private readonly RefreshSchedule schedule = new(clock);
    private volatile TopicBook? current;

    public TopicBook? Current
    {
        get
        {
            schedule.StartIfDue(options.Value.ModelRefresh, this, static cache => cache.LoadLatestAsync(), static (cache, error) => cache.PollFailed(error));
            return current;
        }
    }

    /// <summary>Asks for the latest version now and loads it when it is new.</summary>
    public async Task<TopicBook?> RefreshAsync()
    {
        await schedule.RunIfDueAsync(TimeSpan.Zero, LoadLatestAsync);
        return current;
    }

    private void PollFailed(Exception error) =>
        logger.LogWarning(error, "Could not refresh the topics; the current copy keeps serving");

    private async Task LoadLatestAsync()
    {
        var latest = await grains.GetGrain<ITopicsGrain>(TopicsGrainKey).GetLatestVersionAsync();
        if (latest is not { } version || version == current?.Version) return;
        var bytes = await store.LoadAsync(TopicsOptions.ModelName, version);
        if (bytes is null) return;
        current = new TopicBook(CatalogTopics.FromJson(bytes), version);
        logger.LogInformation("Serving topics v{Version} ({Topics} topics over {Items} items)", version, current.Count, current.Topics.Items.Count);
    }
}
