using ContentGrains.Core.Channels;

namespace ContentGrains.Core.Simulation;

/// <summary>
/// What a simulated month of channel plans gave. Expected clicks are the oracle's (true open probability at the send's
/// local time × the item's CTR), for the plan and for the same sends moved to one fixed hour: the same UTC hour for
/// everyone (FixedHour), or that hour on each person's own clock (FixedLocalHour). FatiguedPlans counts the
/// (person, channel, day) plans made while fatigue had lowered that person's caps.
/// </summary>
public sealed record ChannelMonthResult(
    int People,
    int Days,
    IReadOnlyDictionary<string, ChannelRules> Rules,
    long Sends,
    IReadOnlyDictionary<string, long> Violations,
    double PlanExpectedClicks,
    double FixedHourExpectedClicks,
    double FixedLocalHourExpectedClicks,
    double ModelExpectedClicks,
    double SimulatedClicks,
    IReadOnlyDictionary<string, int> PlantedBestHours,
    IReadOnlyDictionary<string, int> RecoveredBestHours,
    int FewestItemsInASegment,
    int ItemsOffered,
    long FatiguedPlans,
    double PlanSeconds,
    long PersonPlans)
{
    public long TotalViolations => Violations.Values.Sum();
}
