using ContentGrains.Core.Events;

namespace ContentGrains.Core.Traffic;

/// <summary>
/// Leaves flagged persons' events out of a computation (KPIs, experiment outcomes, training) and counts what it left
/// out, per reason, so every figure can say what it excludes. The events stay in the log.
/// </summary>
public sealed class TrafficExclusion(IReadOnlyDictionary<string, TrafficFlag> flags)
{
    public static TrafficExclusion None { get; } = new(new Dictionary<string, TrafficFlag>());

    private readonly long[] excluded = new long[Enum.GetValues<FlagReason>().Length];

    public IReadOnlyDictionary<string, TrafficFlag> Flags { get; } = flags;
    public long IncludedEvents { get; private set; }

    /// <summary>True (and counted) when the event's person is flagged.</summary>
    public bool Excludes(Interaction e) => Excludes(e.UserId);

    public bool Excludes(string personId)
    {
        if (Flags.TryGetValue(personId, out var flag))
        {
            excluded[(int)flag.Reason]++;
            return true;
        }
        IncludedEvents++;
        return false;
    }

    public long ExcludedEvents => excluded.Sum();

    /// <summary>Events left out, by reason name; every reason present, with 0 when nothing was left out for it.</summary>
    public IReadOnlyDictionary<string, long> ExcludedByReason() =>
        Enum.GetValues<FlagReason>().ToDictionary(r => r.Name(), r => excluded[(int)r]);

    /// <summary>Flagged persons, by reason name.</summary>
    public IReadOnlyDictionary<string, int> FlaggedByReason() =>
        Enum.GetValues<FlagReason>().ToDictionary(r => r.Name(), r => Flags.Values.Count(f => f.Reason == r));
}
