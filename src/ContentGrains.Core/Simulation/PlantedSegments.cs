namespace ContentGrains.Core.Simulation;

/// <summary>
/// The simulator's planted audience groups (<see cref="WorldSettings.Segments"/> = K &gt; 0): group g's home topics are
/// the topics t with t mod K = g, its habit hour is spread over the waking day (06:00 + g × 16 h / K), and its home
/// channel is <see cref="Channels"/>[g mod 4]. A person of group g draws tastes that put
/// <see cref="HomeShare"/> of their weight on the group's home topics (Dirichlet over those) and the rest on all topics,
/// visits around the group's hour, and comes through the group's channel on <see cref="HomeChannelShare"/> of visits
/// (any of the four otherwise). The group is the truth segments are judged against;
/// the engine never reads it (it is written to a separate file).
/// </summary>
public sealed class PlantedSegments(int groups, int topics)
{
    public static readonly IReadOnlyList<string> Channels = ["web", "app", "email", "social"];
    public const double HomeShare = 0.85;
    public const double HomeChannelShare = 0.7;

    public int Groups => groups;

    public int GroupOf(SimRandom random) => random.NextInt(groups);

    public double[] Tastes(int group, SimRandom random, double concentration)
    {
        var home = Enumerable.Range(0, topics).Where(t => t % groups == group).ToArray();
        var homeShares = random.Dirichlet(Math.Max(concentration, 1.0), home.Length);
        var all = random.Dirichlet(concentration, topics);
        var tastes = all.Select(share => (1 - HomeShare) * share).ToArray();
        for (var i = 0; i < home.Length; i++) tastes[home[i]] += HomeShare * homeShares[i];
        return tastes;
    }

    public double HabitHour(int group) => 6 + group * 16.0 / groups;

    public string Channel(int group) => Channels[group % Channels.Count];

    /// <summary>The channel of one visit of a person with home channel <paramref name="home"/>.</summary>
    public static string VisitChannel(string home, SimRandom random) =>
        random.Chance(HomeChannelShare) ? home : Channels[random.NextInt(Channels.Count)];
}
