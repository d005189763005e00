using Microsoft.Extensions.Hosting;

namespace ContentGrains.Grains;

/// <summary>
/// Puts this silo's feed and click model caches behind the <see cref="EngineMetrics.ServedModelVersionName"/> gauge
/// at start-up, so a scrape shows the champion each silo serves for each tenant it holds (label "tenant"; a silo still on
/// an old version stands out).
/// </summary>
public sealed class ServedModelGauge(ModelCache models, ClickModelCache clickModels) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        EngineMetrics.ObserveServedVersion(models, models.ServedVersions);
        EngineMetrics.ObserveServedVersion(clickModels, clickModels.ServedVersions);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
