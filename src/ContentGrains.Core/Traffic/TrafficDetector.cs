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
        foreach (var flag in EndOfTrafficFlags()) flags[flag.PersonId] = flag;
        foreach (var person in flags.Keys) people.Remove(person);
        return flags;
    }

    /// <summary>
    /// The flags <see cref="Finish"/> would answer now, leaving the detector as it is, so that it can go on observing: an
    /// incremental pass asks after every batch of new events, and a person who is clicking without impressions now may
    /// show an impression later (the end-of-traffic rule is judged afresh each time, as a full pass would judge it).
    /// </summary>
    public IReadOnlyDictionary<string, TrafficFlag> FlagsSoFar()
    {
        var now = new Dictionary<string, TrafficFlag>(flags, StringComparer.Ordinal);
        foreach (var flag in EndOfTrafficFlags()) now[flag.PersonId] = flag;
        return now;
    }

    private IEnumerable<TrafficFlag> EndOfTrafficFlags()
    {
        if (impressions == 0) yield break;
        foreach (var (person, activity) in people)
            if (activity is { Impressions: 0, ClickThresholdAt: { } at })
                yield return new TrafficFlag(person, FlagReason.ClicksWithoutImpressions, at,
                    $"{activity.Clicks} clicks and no impression, while the traffic has {impressions} impressions");
    }

    /// <summary>Writes the detector's state (each person's activity, the flags, the impression count): an experiment stores it with its incremental pass.</summary>
    public void Write(BinaryWriter w)
    {
        w.Write(EventsObserved);
        w.Write(impressions);
        w.Write(people.Count);
        foreach (var (person, activity) in people) { w.Write(person); activity.Write(w); }
        w.Write(flags.Count);
        foreach (var flag in flags.Values)
        {
            w.Write(flag.PersonId); w.Write((int)flag.Reason); w.Write(flag.At.UtcTicks); w.Write(flag.Evidence);
        }
    }

    /// <summary>A detector that goes on from what <see cref="Write"/> wrote.</summary>
    public static TrafficDetector Read(BinaryReader r, TrafficOptions? options)
    {
        var detector = new TrafficDetector(options) { EventsObserved = r.ReadInt64(), impressions = r.ReadInt64() };
        for (var n = r.ReadInt32(); n > 0; n--) detector.people[r.ReadString()] = PersonActivity.Read(r);
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var flag = new TrafficFlag(r.ReadString(), (FlagReason)r.ReadInt32(), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero), r.ReadString());
            detector.flags[flag.PersonId] = flag;
        }
        return detector;
    }
}
