using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace ContentGrains.Grains;

/// <summary>Places a grain on the silo whose name is the grain's key: one activation per silo, for per-silo work.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class SiloPinnedPlacement : PlacementStrategy;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(new SiloPinnedPlacement());

public sealed class SiloPinnedPlacementDirector(IClusterMembershipService membership) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var siloName = target.GrainIdentity.Key.ToString();
        var compatible = context.GetCompatibleSilos(target);
        var match = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && m.Name == siloName)
            .Select(m => m.SiloAddress)
            .FirstOrDefault(compatible.Contains);
        return match is not null
            ? Task.FromResult(match)
            : throw new OrleansException($"no active silo named '{siloName}' for {target.GrainIdentity}");
    }
}
