using System.Collections.Concurrent;
using ContentGrains.Abstractions;
using ContentGrains.Core.Experiments;
using ContentGrains.Core.Tenants;

namespace ContentGrains.Grains;

/// <summary>
/// Each tenant's experiments' arm assigners on this silo, for jobs over the log: a tenant's job calls
/// <see cref="LoadAsync"/> once (one call to the directory and two per experiment of the tenant: its view and its
/// exposure log), then labels each event with <see cref="CurrentOf"/> — a lookup and a hash per experiment, no grain call.
/// An event counts under an arm when its person had been exposed and the experiment was running; drafts count nowhere.
/// Memory: the exposure logs' first exposures (an id and a time per exposed person) while the job runs. Labels carry the experiment's id as its tenant's clients name it ("launch:control").
/// </summary>
public sealed class ExperimentArmsCache(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, ArmLabels> current = new(StringComparer.Ordinal);

    public ArmLabels CurrentOf(string tenant) => current.GetValueOrDefault(tenant, ArmLabels.None);

    /// <summary>Loads every experiment of the tenant as <see cref="CurrentOf"/>.</summary>
    public async Task LoadAsync(string tenant) => current[tenant] = await LabelsAsync(await GetViewsAsync(tenant));

    /// <summary>The tenant's named experiments (those that exist; ids as its clients name them), or all of its experiments when none are named.</summary>
    public async Task<IReadOnlyList<ExperimentView>> GetViewsAsync(string tenant, IReadOnlyList<string>? ids = null)
    {
        var keys = ids?.Select(id => TenantKeys.Qualify(tenant, id)).ToList()
            ?? (await grains.GetGrain<IExperimentDirectoryGrain>(0).ListAsync()).Where(key => TenantKeys.Belongs(tenant, key)).ToList();
        return (await Task.WhenAll(keys.Select(key => grains.GetGrain<IExperimentGrain>(key).GetAsync()))).OfType<ExperimentView>().ToList();
    }

    /// <summary>The experiments' labels with their exposure logs (drafts have none to load).</summary>
    public async Task<ArmLabels> LabelsAsync(IEnumerable<ExperimentView> views) =>
        new(await Task.WhenAll(views.Select(async view => Window(view,
            view.StartedAt is null ? new Dictionary<string, DateTimeOffset>() : await grains.GetGrain<IExperimentGrain>(view.Id).GetFirstExposuresAsync()))));

    /// <summary>The label is the tenant's own id; the salt stays the grain's key, which the experiment's own assignment hashes.</summary>
    public static ExperimentWindow Window(ExperimentView view, IReadOnlyDictionary<string, DateTimeOffset> firstExposures) => new(
        TenantKeys.IdOf(view.Id), view.Spec.Salt ?? view.Id,
        view.Spec.Arms.Select(a => new ArmDefinition(a.Name, a.Weight)).ToList(), view.StartedAt, view.StoppedAt, firstExposures);
}
