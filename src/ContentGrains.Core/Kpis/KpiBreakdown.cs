using ContentGrains.Core.Events;

namespace ContentGrains.Core.Kpis;

/// <summary>
/// The tallies of one dimension, within a memory bound: at most <see cref="MaxKeys"/> keys are tallied exactly; the
/// events of keys first seen after that fold into one <see cref="OtherKey"/> tally, and <see cref="FoldedEvents"/>
/// says how many. Small dimensions (channel, format, segment, arm, day) stay far below the bound and are exact; items
/// can exceed it on a large catalogue, which the result then says. A key costs about 200 bytes.
/// </summary>
public sealed class KpiBreakdown(KpiDimension dimension, int maxKeys)
{
    public const string OtherKey = "(other)";

    public KpiDimension Dimension { get; } = dimension;
    public int MaxKeys { get; } = maxKeys >= 1 ? maxKeys : throw new ArgumentOutOfRangeException(nameof(maxKeys), maxKeys, "at least one key");
    public Dictionary<string, KpiTally> Tallies { get; } = new(StringComparer.Ordinal);
    public long FoldedEvents { get; private set; }

    public void Add(Interaction e)
    {
        foreach (var key in Dimension.KeysOf(e)) TallyOf(key, 1).Add(e);
    }

    public void Merge(string key, KpiTally tally) => TallyOf(key, tally.Events).Merge(tally);

    private KpiTally TallyOf(string key, long events)
    {
        if (Tallies.TryGetValue(key, out var tally)) return tally;
        if (Tallies.Count >= MaxKeys && key != OtherKey)
        {
            FoldedEvents += events;
            key = OtherKey;
            if (Tallies.TryGetValue(key, out tally)) return tally;
        }
        return Tallies[key] = new KpiTally();
    }
}
