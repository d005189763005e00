namespace ContentGrains.Core.Experiments;

/// <summary>
/// An experiment as far as labelling events goes: its id, salt, arms, when it ran (open ends: still running) and its
/// exposure log as each exposed person's first exposure (persons the experiment never exposed are not in it).
/// </summary>
public sealed record ExperimentWindow(
    string Id, string Salt, IReadOnlyList<ArmDefinition> Arms, DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt,
    IReadOnlyDictionary<string, DateTimeOffset> FirstExposures)
{
    public bool Covers(DateTimeOffset at) => StartedAt is { } start && at >= start && (StoppedAt is not { } stop || at < stop);

    /// <summary>True when the person had been exposed by <paramref name="at"/> and the experiment was running then.</summary>
    public bool Exposed(string personId, DateTimeOffset at) =>
        Covers(at) && FirstExposures.TryGetValue(personId, out var first) && at >= first;
}

/// <summary>
/// Persons' experiment arms for the KPI and report jobs, as "experiment:arm": an event counts under an arm only when its
/// person is in the experiment's exposure log and the event lies between their first exposure and the experiment's stop.
/// Persons the hash would assign but the experiment never exposed count nowhere (they never saw the arm). The arm is
/// the assignment hash (<see cref="ArmAssigner"/>), the same one that fixed it at exposure.
/// </summary>
public sealed class ArmLabels(IReadOnlyList<ExperimentWindow> experiments)
{
    private readonly (ExperimentWindow Window, ArmAssigner Assigner)[] assigners =
        experiments.Where(e => e.Arms.Count > 0).Select(e => (e, new ArmAssigner(e.Salt, e.Arms))).ToArray();

    public static ArmLabels None { get; } = new([]);

    /// <summary>The experiments in which the person had been exposed by <paramref name="at"/> while running, and their arm in each.</summary>
    public IEnumerable<(string Experiment, string Arm)> At(string personId, DateTimeOffset at) =>
        assigners.Where(a => a.Window.Exposed(personId, at)).Select(a => (a.Window.Id, a.Assigner.Assign(personId)));
}
