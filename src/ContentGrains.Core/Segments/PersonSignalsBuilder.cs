using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Segments;

/// <summary>
/// The one place a person's segment signals are built, live from a <see cref="UserProfile"/> or offline from a
/// <see cref="PersonActivity"/>, both decayed to the same instant with the profile's half-life. The tag interests stand
/// for topic interests until topics land; a topics block is one more entry in <see cref="Build"/>.
/// Live formats come from the recent history through <c>formatOf</c> (the profile does not keep formats); offline
/// they are decayed like the rest.
/// </summary>
public sealed class PersonSignalsBuilder(TimeSpan halfLife)
{
    public PersonSignals FromProfile(UserProfile profile, Func<string, string?>? formatOf, DateTimeOffset now) => Build(
        Decayed(profile.Interests, now),
        RecentFormats(profile, formatOf),
        Decayed(profile.ChannelEngagement, now),
        profile.ActiveHours.ValuesAt(now, halfLife));

    public PersonSignals FromActivity(PersonActivity activity, DateTimeOffset now) => Build(
        Decayed(activity.Interests, now),
        Decayed(activity.Formats, now),
        Decayed(activity.Channels, now),
        activity.Hours.ValuesAt(now, halfLife));

    private static PersonSignals Build(Dictionary<string, double> tags, Dictionary<string, double> formats,
        Dictionary<string, double> channels, double[] hours) =>
        new(new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal)
        {
            [PersonSignals.Tags] = tags,
            [PersonSignals.Formats] = formats,
            [PersonSignals.Channels] = channels,
            [PersonSignals.Hours] = HourKeys.Select((key, h) => (key, value: hours[h])).Where(p => p.value > 0)
                .ToDictionary(p => p.key, p => p.value, StringComparer.Ordinal),
        });

    /// <summary>"0".."23": the hours block's keys.</summary>
    public static readonly IReadOnlyList<string> HourKeys = Enumerable.Range(0, HourHistogram.Hours).Select(h => h.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private Dictionary<string, double> Decayed(Dictionary<string, DecayingValue> values, DateTimeOffset now) =>
        values.Select(kv => (kv.Key, Value: kv.Value.ValueAt(now, halfLife))).Where(p => p.Value > 0)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static Dictionary<string, double> RecentFormats(UserProfile profile, Func<string, string?>? formatOf)
    {
        var formats = new Dictionary<string, double>(StringComparer.Ordinal);
        if (formatOf is null) return formats;
        foreach (var entry in profile.Recent)
            if (Data.TrainingSetBuilder.IsPositive(entry.Type) && formatOf(entry.ItemId) is { } format)
                formats[format] = formats.GetValueOrDefault(format) + 1;
        return formats;
    }
}
