using ContentGrains.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace ContentGrains.Grains;

/// <summary>Activates the retention grain when a silo starts, so its reminder is registered (or removed) without a request.</summary>
public static class RetentionStartup
{
    public static ISiloBuilder AddContentGrainsRetention(this ISiloBuilder silo) =>
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IRetentionGrain>(RetentionGrain.Key).IsScheduledAsync());
}
