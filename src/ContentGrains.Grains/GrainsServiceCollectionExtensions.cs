using ContentGrains.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization.Configuration;

namespace ContentGrains.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>The services the grains need on every silo, except the event log and model store, which the host chooses.</summary>
    public static IServiceCollection AddContentGrainsEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EventValidator>(sp => new EventValidator(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<ModelCache>();
        services.AddSingleton<ClickModelCache>();
        services.AddSingleton<DispatchQueue>();
        services.AddOptions<EngineOptions>();
        // Grain storage writes snapshots as JSON with type names and reads back only allowed types.
        services.Configure<TypeManifestOptions>(o =>
        {
            o.AddAllowedAssembly(typeof(Core.Catalog.CatalogIndex).Assembly);
            o.AddAllowedAssembly(typeof(UserState).Assembly);
        });
        return services;
    }
}
