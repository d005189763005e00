using ContentGrains.Core.Events;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Kpis;

/// <summary>
/// The current UTC day's KPIs as events arrive, for one shard of persons: each event is judged by the traffic rules
/// first, and a flagged person's events are left out (counted per reason) from the moment of the flag; what they did
/// before it stays in until the day's job recomputes from the log. The rule that needs all traffic (clicks without
/// impressions) is the job's only. A later day starts afresh; an event of an earlier day is the job's (counted as late).
/// Memory: the detector's per-person state and the tallies of the day (at most maxKeys keys per dimension); no per-person
/// retention entries (<see cref="KpiAccumulator"/>'s retention: off).
/// </summary>
public sealed class LiveKpiDay(TrafficOptions traffic, int maxKeysPerDimension)
{
    public static readonly string[] DimensionNames = ["item", "channel", "tag"];

    private readonly Dictionary<string, IReadOnlyList<string>> tags = new(StringComparer.Ordinal);
    private TrafficDetector detector = new(traffic);
    private TrafficExclusion exclusion = TrafficExclusion.None;

    public int Day { get; private set; } = int.MinValue;
    public KpiAccumulator Kpis { get; private set; } = new([]);
    public TrafficExclusion Exclusion => exclusion;
    public long LateEvents { get; private set; }

    public void Add(Interaction e, IReadOnlyList<string> itemTags)
    {
        var day = RetentionCohorts.DayNumber(e.Timestamp);
        if (day < Day)
        {
            LateEvents++;
            return;
        }
        if (day > Day) Start(day);
        detector.Observe(e);
        if (exclusion.Excludes(e)) return;
        if (itemTags.Count > 0) tags[e.ItemId] = itemTags;
        Kpis.Add(e);
    }

    private void Start(int day)
    {
        Day = day;
        tags.Clear();
        detector = new TrafficDetector(traffic);
        exclusion = new TrafficExclusion(detector.Flags); // the detector's live dictionary: flags apply as they are raised
        // No retention cohorts: a single day has no returns to count, and the KPI job computes them from the log.
        Kpis = new KpiAccumulator([KpiDimension.Item, KpiDimension.Channel, KpiDimension.ItemLabels("tag", tags.GetValueOrDefault)], maxKeysPerDimension, retention: false);
        LateEvents = 0;
    }
}
