namespace ContentGrains.Core.Experiments;

/// <summary>An experiment as far as labelling events goes: its id, salt, arms, and when it ran (open ends: still running).</summary>
public sealed record ExperimentWindow(string Id, string Salt, IReadOnlyList<ArmDefinition> Arms, DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt)
{
    public bool Covers(DateTimeOffset at) => StartedAt is { } start && at >= start && (StoppedAt is not { } stop || at < stop);
}

/// <summary>
/// A person's experiment arms without a stored lookup: assignment is a hash of the salt and the person's id
/// (<see cref="ArmAssigner"/>), so the arm of every person in every experiment can be computed where it is needed (the KPI
/// and report jobs), as "experiment:arm". An event counts under an arm only while the experiment ran. Everyone the
/// hash assigns is counted, not only the persons the experiment logged as exposed (the log does not carry exposures).
/// </summary>
public sealed class ArmLabels(IReadOnlyList<ExperimentWindow> experiments)
{
    private readonly (ExperimentWindow Window, ArmAssigner Assigner)[] assigners =
        experiments.Where(e => e.Arms.Count > 0).Select(e => (e, new ArmAssigner(e.Salt, e.Arms))).ToArray();

    public static ArmLabels None { get; } = new([]);

    /// <summary>The person's arms as "experiment:arm", in every experiment (whenever it ran).</summary>
    public IEnumerable<string> Of(string personId) => assigners.Select(a => $"{a.Window.Id}:{a.Assigner.Assign(personId)}");

    /// <summary>The experiments running at <paramref name="at"/> and the person's arm in each.</summary>
    public IEnumerable<(string Experiment, string Arm)> At(string personId, DateTimeOffset at) =>
        assigners.Where(a => a.Window.Covers(at)).Select(a => (a.Window.Id, a.Assigner.Assign(personId)));
}
