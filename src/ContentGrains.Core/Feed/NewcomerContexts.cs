using ContentGrains.Core.Click;
using ContentGrains.Core.Events;

namespace ContentGrains.Core.Feed;

/// <summary>
/// What people with no engagement yet took when shown each tag, by the context they came in: the channel, and the
/// channel with the hour of day (in blocks of <see cref="HoursPerBlock"/>). Before a first engagement the engine knows
/// nothing of the person but where and when they came; people who came the same way before them may share their
/// tastes (morning readers, app users). Only newcomers are counted, so the rate is what a newcomer does with the tag,
/// not what the feed's fans of the tag do once it is personalised for them; each counts at most one engagement (their
/// first). A tag's rate in a context is shrunk toward its rate one level up (channel × hour → channel → everyone → the
/// overall newcomer rate) by <c>priorImpressions</c> (<see cref="FeedSettings.NewcomerPriorImpressions"/>), and the lift is that rate over the context's own rate,
/// shrunk the same way: 1 until some newcomer has engaged.
/// Thread-safe (one per tenant on a silo, fed by every user grain's live events); in memory only, so after a restart it
/// learns again from live traffic.
/// </summary>
public sealed class NewcomerContexts(double priorImpressions = NewcomerContexts.DefaultPriorImpressions)
{
    public const double DefaultPriorImpressions = 20;
    public const int HoursPerBlock = 6;
    private const string Everyone = "";

    private readonly double priorImpressions = priorImpressions > 0 ? priorImpressions
        : throw new ArgumentOutOfRangeException(nameof(priorImpressions), priorImpressions, "Feed:NewcomerPriorImpressions must be positive");
    private readonly Lock sync = new();
    private readonly Dictionary<(string Context, string Tag), WindowCount> byTag = [];
    private readonly Dictionary<string, WindowCount> byContext = [];

    /// <summary>Whether the person of this profile has not engaged yet (no click, like or share counted).</summary>
    public static bool IsNewcomer(IReadOnlyDictionary<string, long> eventCounts) =>
        eventCounts.GetValueOrDefault(EventType.Click.Name()) + eventCounts.GetValueOrDefault(EventType.Like.Name())
        + eventCounts.GetValueOrDefault(EventType.Share.Name()) == 0;

    /// <summary>Counts a newcomer's event: an impression as shown, an engagement (<see cref="Engagement"/>) as taken; others are ignored.</summary>
    public void Record(Interaction e, IReadOnlyList<string> tags)
    {
        var engaged = Engagement.IsEngaged(e);
        if (!engaged && e.Type != EventType.Impression) return;
        var add = engaged ? new WindowCount(0, 1) : new WindowCount(1, 0);
        lock (sync)
            foreach (var context in Levels(e.Channel, e.Timestamp))
            {
                byContext[context] = Plus(byContext.GetValueOrDefault(context), add);
                foreach (var tag in tags) byTag[(context, tag)] = Plus(byTag.GetValueOrDefault((context, tag)), add);
            }
    }

    /// <summary>The mean lift of the item's tags for a newcomer coming through <paramref name="channel"/> at <paramref name="at"/>; 1 for an untagged item.</summary>
    public double LiftOf(string? channel, DateTimeOffset at, IReadOnlyList<string> tags)
    {
        if (tags.Count == 0) return 1;
        var levels = Levels(channel, at);
        lock (sync)
        {
            var overall = Rate(byContext.GetValueOrDefault(Everyone), 0, 0);
            if (overall <= 0) return 1;
            var contextRate = overall;
            foreach (var context in levels) contextRate = Rate(byContext.GetValueOrDefault(context), contextRate, priorImpressions);
            var sum = 0.0;
            foreach (var tag in tags)
            {
                var rate = overall;
                foreach (var context in levels) rate = Rate(byTag.GetValueOrDefault((context, tag)), rate, priorImpressions);
                sum += rate / contextRate;
            }
            return sum / tags.Count;
        }
    }

    /// <summary>Everyone, then the channel, then the channel with the hour block: each level shrinks toward the one before.</summary>
    public static string[] Levels(string? channel, DateTimeOffset at)
    {
        var c = (channel ?? "").ToLowerInvariant();
        return [Everyone, $"channel:{c}", $"channel:{c}@{at.UtcDateTime.Hour / HoursPerBlock}"];
    }

    private static double Rate(WindowCount counts, double prior, double priorImpressions) =>
        counts.Impressions + priorImpressions <= 0 ? 0 : (counts.Clicks + priorImpressions * prior) / (counts.Impressions + priorImpressions);

    private static WindowCount Plus(WindowCount a, WindowCount b) => new(a.Impressions + b.Impressions, a.Clicks + b.Clicks);
}
