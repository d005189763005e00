using ContentGrains.Core.Events;

namespace ContentGrains.Core.Traffic;

/// <summary>
/// Judges traffic event by event against <see cref="TrafficOptions"/> and keeps the persons flagged, each with the first
/// rule they broke. A flagged person stays flagged (their later events are not judged again). The rule that needs the
/// whole traffic (clicks without impressions: only meaningful when there are impressions at all) is applied by
/// <see cref="Finish"/>. Memory: one <see cref="PersonActivity"/> per unflagged person seen.
/// </summary>
public sealed class TrafficDetector
{
    private readonly Dictionary<string, PersonActivity> people = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrafficFlag> flags = new(StringComparer.Ordinal);
    private long impressions;

    public TrafficDetector(TrafficOptions? options = null)
    {
        Options = options ?? new TrafficOptions();
        if (Options.Problem() is { } problem) throw new ArgumentException($"{problem.Field} {problem.Reason}", nameof(options));
    }

    public TrafficOptions Options { get; }
    public IReadOnlyDictionary<string, TrafficFlag> Flags => flags;
    public long EventsObserved { get; private set; }

    /// <summary>Judges one event; answers the person's flag if they are (now or already) flagged.</summary>
    public TrafficFlag? Observe(Interaction e)
    {
        EventsObserved++;
        if (e.Type == EventType.Impression) impressions++;
        if (flags.TryGetValue(e.UserId, out var known)) return known;
        if (!people.TryGetValue(e.UserId, out var activity)) people[e.UserId] = activity = new PersonActivity();
        if (activity.Observe(e, Options) is not { } broken) return null;
        people.Remove(e.UserId);
        return flags[e.UserId] = new TrafficFlag(e.UserId, broken.Reason, e.Timestamp, broken.Evidence);
    }

    /// <summary>Applies the rules that need all the traffic; call once the events are all observed.</summary>
    public IReadOnlyDictionary<string, TrafficFlag> Finish()
    {
        if (impressions == 0) return flags;
        foreach (var (person, activity) in people)
            if (activity is { Impressions: 0, ClickThresholdAt: { } at })
                flags[person] = new TrafficFlag(person, FlagReason.ClicksWithoutImpressions, at,
                    $"{activity.Clicks} clicks and no impression, while the traffic has {impressions} impressions");
        foreach (var person in flags.Keys) people.Remove(person);
        return flags;
    }
}
