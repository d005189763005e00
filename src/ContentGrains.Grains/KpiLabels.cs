using ContentGrains.Core.Events;

namespace ContentGrains.Grains;

/// <summary>
/// Where the KPI breakdowns and reports find facts the events and the catalog do not carry: an item's format and topics,
/// a person's segment and an event's experiment arms ("experiment:arm"). A tenant's job calls <see cref="PrepareAsync"/>
/// with its tenant once before reading the log (it loads the tenant's latest segment assignments, experiments' assigners
/// and topics), then every lookup is a dictionary read or a hash, in the tables of the id's own tenant (ids are qualified). Lookups are called from the job's thread-pool work: they must be thread-safe.
/// </summary>
public sealed class KpiLabels
{
    public Func<string, IEnumerable<string>?> FormatOf { get; init; } = _ => null;
    public Func<string, IEnumerable<string>?> TopicsOf { get; init; } = _ => null;
    public Func<string, IEnumerable<string>?> SegmentOf { get; init; } = _ => null;
    /// <summary>The arms of the experiments running at the event's time, as "experiment:arm".</summary>
    public Func<Interaction, IEnumerable<string>?> ArmsOf { get; init; } = _ => null;

    /// <summary>Loads the named tenant's tables.</summary>
    public Func<string, Task> PrepareAsync { get; init; } = _ => Task.CompletedTask;
}
