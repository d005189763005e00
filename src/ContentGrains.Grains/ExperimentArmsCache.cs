using ContentGrains.Abstractions;
using ContentGrains.Core.Experiments;

namespace ContentGrains.Grains;

/// <summary>
/// The experiments' arm assigners on this silo, for jobs over the log: a job calls <see cref="LoadAsync"/> once (one call
/// to the directory and one per experiment), then labels each event with <see cref="Current"/> — a hash per experiment,
/// no grain call. An experiment counts from its start to its stop; drafts count nowhere.
/// </summary>
public sealed class ExperimentArmsCache(IGrainFactory grains)
{
    private volatile ArmLabels current = ArmLabels.None;

    public ArmLabels Current => current;

    /// <summary>Loads every experiment of the directory as <see cref="Current"/>.</summary>
    public async Task LoadAsync() => current = Labels(await GetViewsAsync());

    /// <summary>The named experiments (those that exist), or every experiment in the directory when none are named.</summary>
    public async Task<IReadOnlyList<ExperimentView>> GetViewsAsync(IReadOnlyList<string>? ids = null)
    {
        ids ??= await grains.GetGrain<IExperimentDirectoryGrain>(0).ListAsync();
        return (await Task.WhenAll(ids.Select(id => grains.GetGrain<IExperimentGrain>(id).GetAsync()))).OfType<ExperimentView>().ToList();
    }

    public static ArmLabels Labels(IEnumerable<ExperimentView> views) => new(views.Select(Window).ToList());

    public static ExperimentWindow Window(ExperimentView view) => new(view.Id, view.Spec.Salt ?? view.Id,
        view.Spec.Arms.Select(a => new ArmDefinition(a.Name, a.Weight)).ToList(), view.StartedAt, view.StoppedAt);
}
