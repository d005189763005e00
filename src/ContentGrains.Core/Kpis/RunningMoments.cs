using ContentGrains.Core.Experiments;

namespace ContentGrains.Core.Kpis;

/// <summary>
/// Count, mean and sum of squared deviations of a stream of values by Welford's update, mergeable (Chan et al.) so that
/// shards and pages can be added up. Mutable and small: one per KPI key.
/// </summary>
public sealed class RunningMoments
{
    public long Count { get; set; }
    public double Mean { get; set; }
    public double SquaredDeviations { get; set; }

    public void Add(double value)
    {
        Count++;
        var delta = value - Mean;
        Mean += delta / Count;
        SquaredDeviations += delta * (value - Mean);
    }

    public void Merge(RunningMoments other)
    {
        if (other.Count == 0) return;
        if (Count == 0)
        {
            (Count, Mean, SquaredDeviations) = (other.Count, other.Mean, other.SquaredDeviations);
            return;
        }
        var total = Count + other.Count;
        var delta = other.Mean - Mean;
        SquaredDeviations += other.SquaredDeviations + delta * delta * Count * other.Count / total;
        Mean += delta * other.Count / total;
        Count = total;
    }

    /// <summary>The unbiased (n − 1) variance; 0 below two values.</summary>
    public double Variance => Count > 1 ? SquaredDeviations / (Count - 1) : 0;

    public SampleMoments ToSample() => new(Count, Mean, Variance);
}
