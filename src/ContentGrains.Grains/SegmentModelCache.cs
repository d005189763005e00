using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Segments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>A segment model with the version it was stored as.</summary>
public sealed record ServedSegments(SegmentModel Model, long Version);

/// <summary>
/// Each silo's copy of the latest segment model: at most every <see cref="EngineOptions.ModelRefresh"/> it asks the
/// segments grain for the latest version, in the background, and loads a new one from the model store. A request never
/// waits: it gets the copy in hand (null before the first load); a version that fails to load leaves the old one serving.
/// </summary>
public sealed class SegmentModelCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock,
    ILogger<SegmentModelCache> logger)
{
    public const string SegmentsGrainKey = "default";

    private readonly RefreshSchedule schedule = new(clock);
    private volatile ServedSegments? current;

    public ServedSegments? Current
    {
        get
        {
            schedule.StartIfDue(options.Value.ModelRefresh, this, static cache => cache.LoadLatestAsync(), static (cache, error) => cache.PollFailed(error));
            return current;
        }
    }

    /// <summary>Asks for the latest version now and loads it when it is new.</summary>
    public async Task<ServedSegments?> RefreshAsync()
    {
        await schedule.RunIfDueAsync(TimeSpan.Zero, LoadLatestAsync);
        return current;
    }

    private void PollFailed(Exception error) =>
        logger.LogWarning(error, "Could not refresh the segments; the current copy keeps serving");

    private async Task LoadLatestAsync()
    {
        var latest = await grains.GetGrain<ISegmentsGrain>(SegmentsGrainKey).GetLatestVersionAsync();
        if (latest is not { } version || version == current?.Version) return;
        var bytes = await store.LoadAsync(SegmentsOptions.ModelName, version);
        if (bytes is null) return;
        current = new ServedSegments(SegmentModel.FromJson(bytes), version);
        logger.LogInformation("Serving segments v{Version} ({Segments} segments)", version, current.Model.Centroids.Count);
    }
}
