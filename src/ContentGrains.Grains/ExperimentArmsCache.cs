using System.Collections.Concurrent;
using ContentGrains.Abstractions;
using ContentGrains.Core.Experiments;
using ContentGrains.Core.Tenants;

namespace ContentGrains.Grains;

/// <summary>
/// Each tenant's experiments' arm assigners on this silo, for jobs over the log: a tenant's job calls
/// <see cref="LoadAsync"/> once (one call to the directory and one per experiment of the tenant), then labels each event
/// with <see cref="CurrentOf"/> — a hash per experiment, no grain call. An experiment counts from its start to its stop;
/// drafts count nowhere. Labels carry the experiment's id as its tenant's clients name it ("launch:control").
/// </summary>
public sealed class ExperimentArmsCache(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, ArmLabels> current = new(StringComparer.Ordinal);

    public ArmLabels CurrentOf(string tenant) => current.GetValueOrDefault(tenant, ArmLabels.None);

    /// <summary>Loads every experiment of the tenant as <see cref="CurrentOf"/>.</summary>
    public async Task LoadAsync(string tenant) => current[tenant] = Labels(await GetViewsAsync(tenant));

    /// <summary>The tenant's named experiments (those that exist; ids as its clients name them), or all of its experiments when none are named.</summary>
    public async Task<IReadOnlyList<ExperimentView>> GetViewsAsync(string tenant, IReadOnlyList<string>? ids = null)
    {
        var keys = ids?.Select(id => TenantKeys.Qualify(tenant, id)).ToList()
            ?? (await grains.GetGrain<IExperimentDirectoryGrain>(0).ListAsync()).Where(key => TenantKeys.Belongs(tenant, key)).ToList();
        return (await Task.WhenAll(keys.Select(key => grains.GetGrain<IExperimentGrain>(key).GetAsync()))).OfType<ExperimentView>().ToList();
    }

    public static ArmLabels Labels(IEnumerable<ExperimentView> views) => new(views.Select(Window).ToList());

    /// <summary>The label is the tenant's own id; the salt stays the grain's key, which the experiment's own assignment hashes.</summary>
    public static ExperimentWindow Window(ExperimentView view) => new(TenantKeys.IdOf(view.Id), view.Spec.Salt ?? view.Id,
        view.Spec.Arms.Select(a => new ArmDefinition(a.Name, a.Weight)).ToList(), view.StartedAt, view.StoppedAt);
}
