using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Click;

/// <summary>
/// An item's impressions and clicks over recent windows, plus all-time totals and when it was first shown: the
/// popularity and CTR signals of <see cref="ClickFeatures"/>. Each recent window is an exponentially decayed count
/// whose half-life is the window's length (1 h, 6 h, 24 h), so it costs two numbers per window whatever the traffic,
/// and events may arrive out of order. Plain data: an item's live counters hold one, and the offline MIND feature
/// builder uses the same class, so a feature means the same thing in both.
/// </summary>
public sealed class RecentWindows
{
    /// <summary>The decayed windows, shortest first; <see cref="CountsAt"/> appends the all-time totals after them.</summary>
    public static readonly IReadOnlyList<TimeSpan> HalfLives = [TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24)];

    /// <summary>The window names in the order of <see cref="CountsAt"/>: the decayed windows, then "all".</summary>
    public static readonly IReadOnlyList<string> Names = ["1h", "6h", "24h", "all"];

    public DecayingValue[] Impressions { get; set; } = new DecayingValue[HalfLives.Count];
    public DecayingValue[] Clicks { get; set; } = new DecayingValue[HalfLives.Count];
    public long TotalImpressions { get; set; }
    public long TotalClicks { get; set; }
    public DateTimeOffset? FirstSeen { get; set; }

    /// <summary>Counts a logged event: an impression as shown, an <see cref="Engagement"/> as a click; others are ignored.</summary>
    public void Record(Interaction e)
    {
        if (e.Type == EventType.Impression) RecordImpression(e.Timestamp);
        else if (Engagement.IsEngaged(e)) RecordClick(e.Timestamp);
    }

    /// <summary>An independent copy: a catalog view or a report holds its own, never the item's live counters.</summary>
    public RecentWindows Copy() => new()
    {
        Impressions = (DecayingValue[])Impressions.Clone(),
        Clicks = (DecayingValue[])Clicks.Clone(),
        TotalImpressions = TotalImpressions,
        TotalClicks = TotalClicks,
        FirstSeen = FirstSeen,
    };

    public void RecordImpression(DateTimeOffset at)
    {
        Add(Impressions, at);
        TotalImpressions++;
        if (FirstSeen is null || at < FirstSeen)
            FirstSeen = at;
    }

    public void RecordClick(DateTimeOffset at)
    {
        Add(Clicks, at);
        TotalClicks++;
    }

    /// <summary>One count per entry of <see cref="Names"/>, as of <paramref name="at"/>.</summary>
    public WindowCount[] CountsAt(DateTimeOffset at)
    {
        var counts = new WindowCount[Names.Count];
        for (var w = 0; w < HalfLives.Count; w++)
            counts[w] = new WindowCount(Impressions[w].ValueAt(at, HalfLives[w]), Clicks[w].ValueAt(at, HalfLives[w]));
        counts[^1] = new WindowCount(TotalImpressions, TotalClicks);
        return counts;
    }

    private static void Add(DecayingValue[] windows, DateTimeOffset at)
    {
        for (var w = 0; w < windows.Length; w++)
            windows[w].Add(1, at, HalfLives[w]);
    }
}
