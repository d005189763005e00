namespace ContentGrains.Core.Traffic;

/// <summary>
/// Thresholds of the non-human traffic rules. Each default is set well beyond what people do, because a wrongly
/// flagged person loses their events from KPIs and training, while a missed bot only dilutes them.
/// </summary>
public sealed record TrafficOptions
{
    /// <summary>Actions (any event but an impression) in one minute that count as an inhuman minute: one every 2 s, faster
    /// than anyone can read even a headline. Impressions are left out as one feed page shows many at once.</summary>
    public int MaxActionsPerMinute { get; init; } = 30;

    /// <summary>Consecutive inhuman minutes that flag a person: a person's burst (a quick run of likes) lasts a minute or
    /// two; a script keeps going.</summary>
    public int SustainedMinutes { get; init; } = 3;

    /// <summary>Gaps between a person's distinct event times needed before regularity is judged: few gaps can be even by
    /// chance.</summary>
    public int MinGapsForRegularity { get; init; } = 30;

    /// <summary>Coefficient of variation (sd / mean) of the gaps below which a person is robotic. People's gaps are bursty
    /// and heavy-tailed (CV of 1 and more: quick runs within a visit, hours between visits); a timer with ±10% jitter has
    /// a CV of about 0.06.</summary>
    public double MaxRegularityCv { get; init; } = 0.1;

    /// <summary>Clicks by one person on one item within one clock hour that make a click storm: re-opening an article a
    /// few times is human, fifteen times in an hour is not.</summary>
    public int StormClicksPerItemHour { get; init; } = 15;

    /// <summary>Clicks with not one impression that flag a person, when the traffic has impressions at all (data sets of
    /// interactions only have none, and nobody is flagged for that).</summary>
    public int MinClicksWithoutImpressions { get; init; } = 20;

    /// <summary>The first option that is out of range, with the reason; null when all are valid.</summary>
    public (string Field, string Reason)? Problem() =>
        MaxActionsPerMinute < 2 ? (nameof(MaxActionsPerMinute), "must be at least 2")
        : SustainedMinutes < 1 ? (nameof(SustainedMinutes), "must be at least 1")
        : MinGapsForRegularity < 3 ? (nameof(MinGapsForRegularity), "must be at least 3")
        : !(MaxRegularityCv >= 0) || MaxRegularityCv > 10 ? (nameof(MaxRegularityCv), "must lie in [0, 10]")
        : StormClicksPerItemHour < 2 ? (nameof(StormClicksPerItemHour), "must be at least 2")
        : MinClicksWithoutImpressions < 1 ? (nameof(MinClicksWithoutImpressions), "must be at least 1")
        : null;
}
