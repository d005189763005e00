namespace ContentGrains.Core.Channels;

/// <summary>Shrinkage strengths of the send-time model, in imaginary sends at the next level's rate.</summary>
public sealed record SendTimeSettings
{
    public double PersonStrength { get; init; } = 10;
    public double GroupStrength { get; init; } = 50;
    public double ChannelStrength { get; init; } = 100;
    public double GlobalStrength { get; init; } = 100;
    /// <summary>The open rate assumed before any send is seen.</summary>
    public double DefaultOpenRate { get; init; } = 0.1;
    /// <summary>People whose own counts are kept; sends of others still count for their group, channel and the whole.</summary>
    public int MaxPersons { get; init; } = 1_000_000;
}

/// <summary>
/// Open rate by local hour of week, learned from sends and opens, with a fallback chain person → group → channel →
/// global: each level's rate at an hour is its own opens plus S imaginary sends at the next level's rate, over its
/// sends plus S (a beta-binomial posterior mean), so a person with few sends gets their group's curve, an unknown group
/// the channel's, and an unknown channel the engine-wide curve. Memory: 2 × 168 numbers per channel and group, and
/// one entry per (person, channel, hour) actually sent.
/// </summary>
public sealed class SendTimeModel(SendTimeSettings settings)
{
    private readonly HourlyEngagement global = new();
    private readonly Dictionary<string, HourlyEngagement> channels = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Channel, string Group), HourlyEngagement> groups = [];
    private readonly Dictionary<(string Channel, string Person), PersonEngagement> persons = [];
    private readonly HashSet<string> knownPersons = new(StringComparer.Ordinal);

    public SendTimeSettings Settings => settings;
    private HourlyEngagement Global => global;
    public double Sends => global.TotalSends;
    public double Opens => global.TotalOpens;
    public int Persons => knownPersons.Count;
    public IReadOnlyCollection<string> Channels => channels.Keys;

    public void Add(string channel, string? group, string person, int hourOfWeek, bool opened)
    {
        global.Add(hourOfWeek, opened);
        Level(channels, channel).Add(hourOfWeek, opened);
        if (group is not null) Level(groups, (channel, group)).Add(hourOfWeek, opened);
        if (!knownPersons.Contains(person) && knownPersons.Count >= settings.MaxPersons) return;
        knownPersons.Add(person);
        if (!persons.TryGetValue((channel, person), out var own)) persons[(channel, person)] = own = new PersonEngagement();
        own.Add(hourOfWeek, opened);
    }

    /// <summary>The expected open rate of a send on <paramref name="channel"/> at a local hour of week.</summary>
    public double OpenRate(string channel, string? group, string? person, int hourOfWeek) => Curve(channel, group, person).Rate(hourOfWeek);

    /// <summary>The levels that answer for one person on one channel, looked up once for all the hours of a plan.</summary>
    public SendTimeCurve Curve(string channel, string? group, string? person) => new(this, channels.GetValueOrDefault(channel),
        group is null ? null : groups.GetValueOrDefault((channel, group)), person is null ? null : persons.GetValueOrDefault((channel, person)));

    public readonly struct SendTimeCurve(SendTimeModel model, HourlyEngagement? channel, HourlyEngagement? group, PersonEngagement? person)
    {
        public double Rate(int hourOfWeek)
        {
            var s = model.Settings;
            var global = model.Global;
            var overall = global.TotalSends > 0 ? global.TotalOpens / global.TotalSends : s.DefaultOpenRate;
            var rate = global.Rate(hourOfWeek, overall, s.GlobalStrength);
            if (channel is not null) rate = channel.Rate(hourOfWeek, rate, s.ChannelStrength);
            if (group is not null) rate = group.Rate(hourOfWeek, rate, s.GroupStrength);
            if (person is not null) rate = person.Rate(hourOfWeek, rate, s.PersonStrength);
            return rate;
        }
    }

    /// <summary>The channel's (or, with <paramref name="group"/>, the group's) best local hour of day over the week, with its open rate.</summary>
    public (int Hour, double OpenRate) BestHourOfDay(string channel, string? group = null)
    {
        var overall = global.TotalSends > 0 ? global.TotalOpens / global.TotalSends : settings.DefaultOpenRate;
        var level = group is not null && groups.TryGetValue((channel, group), out var g) ? g : channels.GetValueOrDefault(channel);
        if (level is null) return (0, overall);
        var best = (Hour: 0, OpenRate: double.MinValue);
        for (var hour = 0; hour < 24; hour++)
        {
            var rate = level.DayHourRate(hour, overall, settings.ChannelStrength);
            if (rate > best.OpenRate) best = (hour, rate);
        }
        return best;
    }

    private static HourlyEngagement Level<TKey>(Dictionary<TKey, HourlyEngagement> levels, TKey key) where TKey : notnull
    {
        if (!levels.TryGetValue(key, out var level)) levels[key] = level = new HourlyEngagement();
        return level;
    }
}
