using Microsoft.Extensions.Options;
using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace ContentGrains.Grains;

/// <summary>
/// Places a grain on silos whose metadata role is <see cref="TrainingOptions.PreferredRole"/> (gpu) when any is up;
/// otherwise on any silo if <see cref="TrainingOptions.FallbackToAnySilo"/>, else nowhere (the call fails, saying so).
/// A placement filter on silo metadata, because [SiloRoleBasedPlacement] does not work with ADO.NET clustering.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TrainerSiloPlacementAttribute() : PlacementFilterAttribute(new TrainerSiloFilterStrategy());

public sealed class TrainerSiloFilterStrategy : PlacementFilterStrategy
{
    public TrainerSiloFilterStrategy() : base(0) { }
}

public sealed class TrainerSiloFilterDirector(ISiloMetadataCache metadata, IOptions<EngineOptions> options) : IPlacementFilterDirector
{
    /// <summary>The silo metadata key the host writes the role under.</summary>
    public const string RoleKey = "role";

    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var training = options.Value.Training;
        var all = silos.ToList();
        var preferred = WithRole(metadata, all, training.PreferredRole);
        if (preferred.Count > 0 || training.FallbackToAnySilo) return preferred.Count > 0 ? preferred : all;
        throw new OrleansException($"no active silo has role '{training.PreferredRole}' for {target.GrainIdentity}, and Training:FallbackToAnySilo is false");
    }

    /// <summary>The silos among <paramref name="silos"/> whose metadata, as this silo knows it, has <paramref name="role"/>.</summary>
    public static List<SiloAddress> WithRole(ISiloMetadataCache metadata, IEnumerable<SiloAddress> silos, string role) =>
        silos.Where(s => metadata.GetSiloMetadata(s).Metadata.TryGetValue(RoleKey, out var held) && held == role).ToList();
}
