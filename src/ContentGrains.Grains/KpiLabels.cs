namespace ContentGrains.Grains;

/// <summary>
/// Where the KPI breakdowns find facts the events and the catalog do not carry: an item's format and topics, a person's
/// segment and experiment arms ("experiment:arm"). Each answers nothing (null) until its source registers a
/// <see cref="KpiLabels"/> with its lookup in the silo's services, so a new breakdown is one more lookup here, not a
/// change to the KPI code. Lookups are called from the KPI job's thread-pool work: they must be thread-safe.
/// </summary>
public sealed class KpiLabels
{
    public Func<string, IEnumerable<string>?> FormatOf { get; init; } = _ => null;
    public Func<string, IEnumerable<string>?> TopicsOf { get; init; } = _ => null;
    public Func<string, IEnumerable<string>?> SegmentOf { get; init; } = _ => null;
    public Func<string, IEnumerable<string>?> ArmsOf { get; init; } = _ => null;
}
