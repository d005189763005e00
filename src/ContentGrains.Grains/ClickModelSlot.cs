using System.Diagnostics.Metrics;
using ContentGrains.Abstractions;
using ContentGrains.Core.Click;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
using ContentGrains.Core.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One tenant's click model on a silo (held by <see cref="ClickModelCache"/>): the champion of the tenant's click
/// registry (<paramref name="name"/>, tenant-qualified), pushed by its trainer (through
/// <see cref="SiloScorerGrain"/>) with polling as the fallback, validated (<see cref="ClickArtifactValidator"/>) and
/// swapped in whole, or dropped when its trainer retires it. A feed never waits for it: until a click model is champion,
/// while one loads, and after a retirement, the feed keeps the weighted ranking. A silo without an <see cref="IClickModelLoader"/> never serves one.
/// </summary>
public sealed class ClickModelSlot(
    string name, IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILocalSiloDetails silo,
    ILogger logger, IClickModelLoader? loader = null)
{
    private readonly RefreshSchedule schedule = new(clock);
    private readonly SemaphoreSlim swapping = new(1, 1);
    private readonly HashSet<long> refused = []; // guarded by swapping
    private volatile ServingClickModel? model;
    private volatile SiloModelView? lastRefused;

    private string Name => name;

    /// <summary>This silo's click model for the served-version gauge; null while it serves none.</summary>
    /// <param name="tenantLabel">The slot's tenant as the metric names it (<see cref="TenantSlots.MetricLabel"/>); the model label is the unqualified name.</param>
    public Measurement<long>? ServedVersion(string tenantLabel) =>
        model is { } served ? new(served.RegistryVersion, [new("model", TenantKeys.IdOf(Name)), new("tenant", tenantLabel), new("silo", silo.Name)]) : null;

    /// <summary>The click model serving now, or null; starts a background poll when one is due.</summary>
    public ServingClickModel? Current
    {
        get
        {
            if (loader is not null)
                schedule.StartIfDue(options.Value.ModelRefresh, this, static cache => cache.PollAsync(), static (cache, error) => cache.PollFailed(error));
            return model;
        }
    }

    public async Task SwapToAsync(long version)
    {
        if (loader is null) return;
        await swapping.WaitAsync();
        try
        {
            if (model?.RegistryVersion == version || refused.Contains(version)) return;
            var record = (await store.ListAsync(name)).FirstOrDefault(v => v.Version == version);
            var bytes = await store.LoadAsync(name, version);
            var check = await Task.Run(() => ClickArtifactValidator.Validate(record, bytes, loader));
            if (check.Scorer is { } scorer)
            {
                model = new ServingClickModel(scorer, name, version);
                logger.LogInformation("Silo {Silo} serves click model {Name} v{Version} ({Model})", silo.Name, name, version, scorer.Version);
            }
            else
            {
                refused.Add(version);
                lastRefused = new SiloModelView(silo.Name, null, version, check.Problem, clock.GetUtcNow());
                logger.LogError("Silo {Silo} refused click model {Name} v{Version}: {Problem}; it keeps serving v{Current}",
                    silo.Name, name, version, check.Problem, model?.RegistryVersion);
            }
        }
        finally
        {
            swapping.Release();
        }
        grains.GetGrain<ITrainerGrain>(Name).ReportSiloAsync(Report()).Ignore();
    }

    /// <summary>
    /// The registry has no champion any more (its trainer retired it: the weighted ranking beat it): the slot stops
    /// serving it, so feeds rank by the weighted ranking again and name no click model. A feed that already read the
    /// model finishes with it.
    /// </summary>
    public async Task RetireAsync()
    {
        if (loader is null) return;
        await swapping.WaitAsync();
        try
        {
            if (model is not { } retired) return;
            model = null;
            logger.LogInformation("Silo {Silo} stopped serving click model {Name} v{Version}: retired by its trainer; feeds use the weighted ranking",
                silo.Name, name, retired.RegistryVersion);
        }
        finally
        {
            swapping.Release();
        }
        grains.GetGrain<ITrainerGrain>(Name).ReportSiloAsync(Report()).Ignore();
    }

    public SiloModelView Report() => new(silo.Name, model?.RegistryVersion, lastRefused?.Refused, lastRefused?.RefusedReason, clock.GetUtcNow());

    private void PollFailed(Exception error) =>
        logger.LogWarning(error, "Silo {Silo} could not ask the click trainer for its champion; it keeps serving", silo.Name);

    private async Task PollAsync()
    {
        var champion = await grains.GetGrain<ITrainerGrain>(Name).PollChampionAsync(Report());
        if (champion is { } version && version != model?.RegistryVersion) await SwapToAsync(version);
        else if (champion is null && model is not null) await RetireAsync(); // a retirement whose push this silo missed
    }
}
