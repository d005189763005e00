using ContentGrains.Core.Live;
using Microsoft.Extensions.Logging;

namespace ContentGrains.Grains;

/// <summary>
/// A silo's copy of the latest version of one model kept in the model store (association rules, segments, topics, the
/// sentiment model): at most every <c>refresh</c> it asks the model's grain for the latest version and loads a new one
/// from the store. A request never waits for a background refresh: it gets the copy in hand (null before the first
/// load), and a version that fails to load, or a grain that cannot answer, leaves the old copy serving.
/// </summary>
/// <param name="what">The model's name in the log ("association rules", "topics", …).</param>
/// <param name="latestVersion">The latest stored version, from the model's grain; null while none is stored.</param>
/// <param name="describe">A short description of a loaded copy for the log ("12 rules").</param>
public sealed class LatestModelCopy<T>(
    string what, string modelName, Func<Task<long?>> latestVersion, Func<byte[], long, T> load, Func<T, string> describe,
    IModelStore store, TimeSpan refresh, TimeProvider clock, ILogger logger) where T : class
{
    private sealed record Loaded(T Value, long Version);

    private readonly RefreshSchedule schedule = new(clock);
    private volatile Loaded? current;

    /// <summary>The copy in hand; starts a background refresh when one is due.</summary>
    public T? Current
    {
        get
        {
            schedule.StartIfDue(refresh, this, static copy => copy.LoadLatestAsync(), static (copy, error) => copy.RefreshFailed(error));
            return current?.Value;
        }
    }

    /// <summary>Asks for the latest version now and loads it when it is new.</summary>
    public async Task<T?> RefreshAsync()
    {
        await schedule.RunIfDueAsync(TimeSpan.Zero, LoadLatestAsync);
        return current?.Value;
    }

    /// <summary>The copy after a refresh when one is due, waiting for it; a failed refresh is logged and the copy kept.</summary>
    public async Task<T?> GetAsync()
    {
        try
        {
            await schedule.RunIfDueAsync(refresh, LoadLatestAsync);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            RefreshFailed(error);
        }
        return current?.Value;
    }

    private void RefreshFailed(Exception error) =>
        logger.LogWarning(error, "Could not refresh the {What}; the current copy keeps serving", what);

    private async Task LoadLatestAsync()
    {
        if (await latestVersion() is not { } version || version == current?.Version) return;
        var bytes = await store.LoadAsync(modelName, version);
        if (bytes is null) return;
        var value = load(bytes, version);
        current = new Loaded(value, version);
        logger.LogInformation("Serving {What} v{Version} ({Description})", what, version, describe(value));
    }
}
