namespace ContentGrains.Core.Simulation;

/// <summary>What one visit has done so far, and the channel it came through: clicks per topic (fatigue) and the items already shown (passed over more easily).</summary>
public sealed class SessionState(string? channel = null)
{
    private readonly Dictionary<int, int> clicksByTopic = [];
    private readonly HashSet<long> shown = [];

    /// <summary>The channel the visit came through (its events carry it); an engine's feed request names it too.</summary>
    public string? Channel => channel;
    public int Clicks { get; private set; }
    public int UnrewardedFeedsInARow { get; private set; }

    public int ClicksOn(int topic) => clicksByTopic.GetValueOrDefault(topic);
    public bool WasShown(long item) => shown.Contains(item);

    public void RecordShown(long item) => shown.Add(item);

    public void RecordClick(int topic)
    {
        clicksByTopic[topic] = ClicksOn(topic) + 1;
        Clicks++;
    }

    public void RecordFeed(bool rewarded) => UnrewardedFeedsInARow = rewarded ? 0 : UnrewardedFeedsInARow + 1;
}

/// <summary>What a person carries from day to day: the items they clicked (not clicked again) and their last visit.</summary>
public sealed class PersonState
{
    public HashSet<long> Consumed { get; } = [];
    public int? LastVisitDay { get; set; }
    public int LastVisitClicks { get; set; }
    /// <summary>
    /// A planted treatment effect: every item's appeal to this person is multiplied by it (capped at 1). 1 = no effect;
    /// the experiments bench sets 1.05 on the treatment arm to plant a 5% lift.
    /// </summary>
    public double AppealFactor { get; set; } = 1;
}
