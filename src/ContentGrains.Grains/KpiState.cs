using ContentGrains.Core.Traffic;

namespace ContentGrains.Grains;

/// <summary>
/// The KPI grain's snapshot: the persons the latest computation flagged as non-human, which training and experiments
/// leave out, and when it ran. Grain storage writes it as JSON with type names, so this type's name is fixed.
/// The KPIs themselves are not stored: they are recomputed from the log.
/// </summary>
public sealed class KpiState
{
    public List<TrafficFlag> Flags { get; set; } = [];
    public DateTimeOffset? ComputedAt { get; set; }
}
