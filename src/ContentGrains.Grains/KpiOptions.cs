using ContentGrains.Core.Kpis;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Grains;

/// <summary>KPIs ("ContentGrains:Engine:Kpis"): the interval confidence, the key bound per dimension, the live shards and
/// the non-human traffic thresholds (each default explained on <see cref="TrafficOptions"/>).</summary>
public sealed class KpiOptions
{
    public double Confidence { get; set; } = 0.95;

    /// <summary>Keys tallied exactly per dimension (about 200 bytes each); later keys fold into "(other)".</summary>
    public int MaxKeysPerDimension { get; set; } = KpiAccumulator.DefaultMaxKeys;

    /// <summary>Live KPI shards: persons are spread over them by a hash of their id.</summary>
    public int LiveShards { get; set; } = 8;

    public TrafficOptions Traffic { get; set; } = new();
}
