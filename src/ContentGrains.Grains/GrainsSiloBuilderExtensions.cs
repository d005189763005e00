using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace ContentGrains.Grains;

public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// What the trainer and the champion push need on every silo: the silo's role in its metadata (read by the
    /// trainer's placement filter), the placement filter and the per-silo pinning director, and the memory stream
    /// provider the champion is pushed through (implicit subscriptions only, so no pub-sub store).
    /// </summary>
    public static ISiloBuilder AddContentGrainsModelPublishing(this ISiloBuilder silo, string role)
    {
        silo.UseSiloMetadata(new Dictionary<string, string> { [TrainerSiloFilterDirector.RoleKey] = role });
        silo.Services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        silo.Services.AddPlacementFilter<TrainerSiloFilterStrategy, TrainerSiloFilterDirector>(ServiceLifetime.Transient);
        silo.AddMemoryStreams(ChampionStream.Provider, o => o.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly));
        return silo;
    }
}
