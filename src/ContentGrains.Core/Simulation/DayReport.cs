namespace ContentGrains.Core.Simulation;

/// <summary>
/// One simulated day. Ctr = clicks / impressions; MeanOracleProbability = the oracle's mean click probability of what was
/// shown (the expected CTR of the engine's feeds, free of click noise); OracleCtr = the expected clicks of the oracle's
/// best feeds for the same visits, per impression; RandomCtr = the same for feeds drawn at random; Retention = share of yesterday's visitors who came back today (null on
/// the first day). Models = what ranked the feeds, as the engine named it.
/// </summary>
public sealed record DayReport(
    int Day, DateOnly Date, int Visitors, int ReturnedFromYesterday, double? Retention, int Feeds, int LeftEarly,
    long Impressions, long Clicks, long Likes, double DwellSeconds, double Ctr, double MeanOracleProbability, double OracleCtr,
    double RandomCtr, IReadOnlyList<string> Models);

/// <summary>Adds up a day's visits; thread-safe, as visits run in parallel.</summary>
public sealed class DayTally(int day, DateOnly date)
{
    private readonly Lock gate = new();
    private readonly SortedSet<string> models = new(StringComparer.Ordinal);
    private int visitors, returned, feeds, left;
    private long impressions, clicks, likes;
    private double dwell, probabilitySum, oracleClicks, randomClicks;

    public void Add(bool cameBack, bool leftEarly, IReadOnlyList<FeedOutcome> outcomes, IEnumerable<string> modelNames)
    {
        lock (gate)
        {
            visitors++;
            if (cameBack) returned++;
            if (leftEarly) left++;
            feeds += outcomes.Count;
            models.UnionWith(modelNames);
            foreach (var outcome in outcomes)
            {
                oracleClicks += outcome.OracleExpectedClicks;
                randomClicks += outcome.RandomExpectedClicks;
                foreach (var slot in outcome.Slots)
                {
                    impressions++;
                    probabilitySum += slot.OracleProbability;
                    if (slot.Clicked) { clicks++; dwell += slot.DwellSeconds; }
                    if (slot.Liked) likes++;
                }
            }
        }
    }

    public DayReport Report(int yesterdaysVisitors)
    {
        lock (gate)
        {
            double Per(double x) => impressions == 0 ? 0 : x / impressions;
            return new DayReport(day, date, visitors, returned, day == 0 || yesterdaysVisitors == 0 ? null : (double)returned / yesterdaysVisitors,
                feeds, left, impressions, clicks, likes, Math.Round(dwell, 1), Per(clicks), Per(probabilitySum), Per(oracleClicks),
                Per(randomClicks), models.ToList());
        }
    }
}
