using ContentGrains.Core.Events;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Segments;

/// <summary>
/// One person's habits gathered offline from the log, with the same weights (<see cref="EngagementWeights"/>) and the
/// same half-life as the live profile: interest per tag, engagement per format, per channel and per hour of day.
/// <see cref="EstimatedBytes"/> lets a reader keep a whole population under a memory bound.
/// </summary>
public sealed class PersonActivity
{
    /// <summary>Managed bytes of one person without entries (object, four dictionaries, the hour bins) and of one entry.</summary>
    public const int BaseBytes = 600, BytesPerEntry = 72;

    public Dictionary<string, DecayingValue> Interests { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DecayingValue> Formats { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DecayingValue> Channels { get; } = new(StringComparer.Ordinal);
    public HourHistogram Hours { get; } = new();

    public long EstimatedBytes => BaseBytes + BytesPerEntry * (long)(Interests.Count + Formats.Count + Channels.Count);

    /// <summary>Adds one interaction on an item with these tags and format (null when unknown).</summary>
    public void Add(Interaction e, IReadOnlyList<string> tags, string? format, TimeSpan halfLife)
    {
        var weight = EngagementWeights.For(e);
        if (weight == 0) return;
        foreach (var tag in tags) Add(Interests, tag, weight, e.Timestamp, halfLife);
        if (weight < 0) return; // a dislike lowers interest; it is not a habit
        if (format is not null) Add(Formats, format, weight, e.Timestamp, halfLife);
        Add(Channels, e.Channel, weight, e.Timestamp, halfLife);
        Hours.Add(weight, e.Timestamp, halfLife);
    }

    private static void Add(Dictionary<string, DecayingValue> values, string key, double weight, DateTimeOffset at, TimeSpan halfLife)
    {
        var value = values.GetValueOrDefault(key);
        value.Add(weight, at, halfLife);
        values[key] = value;
    }
}
