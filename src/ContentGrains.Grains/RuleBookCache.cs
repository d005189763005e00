using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's copy of the latest association rules: at most every <see cref="EngineOptions.ModelRefresh"/> it asks
/// the rules grain for the latest version, in the background, and loads a new one from the model store. A request
/// never waits: it gets the copy in hand (null before the first load), and a version that fails to load leaves the
/// old copy serving.
/// </summary>
public sealed class RuleBookCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILogger<RuleBookCache> logger)
{
    private readonly RefreshSchedule schedule = new(clock);
    private volatile RuleBook? current;

    public RuleBook? Current
    {
        get
        {
            schedule.StartIfDue(options.Value.ModelRefresh, this, static cache => cache.LoadLatestAsync(), static (cache, error) => cache.PollFailed(error));
            return current;
        }
    }

    /// <summary>Asks for the latest version now and loads it when it is new.</summary>
    public async Task<RuleBook?> RefreshAsync()
    {
        await schedule.RunIfDueAsync(TimeSpan.Zero, LoadLatestAsync);
        return current;
    }

    private void PollFailed(Exception error) =>
        logger.LogWarning(error, "Could not refresh the association rules; the current copy keeps serving");

    private async Task LoadLatestAsync()
    {
        var latest = await grains.GetGrain<IRulesGrain>(RulesGrainKey).GetLatestVersionAsync();
        if (latest is not { } version || version == current?.Version) return;
        var bytes = await store.LoadAsync(RulesOptions.ModelName, version);
        if (bytes is null) return;
        current = new RuleBook(MinedRules.FromJson(bytes), version);
        logger.LogInformation("Serving association rules v{Version} ({Rules} rules)", version, current.Rules.Rules.Count);
    }

    public const string RulesGrainKey = "default";
}
