using ContentGrains.Abstractions;
using ContentGrains.Core.Channels;

namespace ContentGrains.Grains;

/// <summary>A person's exposure on the wire (a planning copy): time zone, sends, "see less" marks.</summary>
[GenerateSerializer, Immutable, Alias("cg.ExposureMessage")]
public sealed record ExposureMessage(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] SendMessage[] Sends,
    [property: Id(2)] string[] SeeLessChannels,
    [property: Id(3)] DateTimeOffset[] SeeLessAt)
{
    public static ExposureMessage From(PersonExposure e) => new(e.TimeZone,
        e.Sends.Select(s => new SendMessage(s.Channel, s.ItemId, s.At, s.OpenedAt, s.ClickedAt)).ToArray(),
        e.SeeLess.Select(m => m.Key).ToArray(), e.SeeLess.Select(m => m.Value).ToArray());

    public PersonExposure ToExposure() => new()
    {
        TimeZone = TimeZone,
        Sends = Sends.Select(s => new ChannelSend { Channel = s.Channel, ItemId = s.ItemId, At = s.At, OpenedAt = s.OpenedAt, ClickedAt = s.ClickedAt }).ToList(),
        SeeLess = SeeLessChannels.Zip(SeeLessAt, (c, at) => new KeyValuePair<string, DateTimeOffset>(c, at)).ToList(),
    };
}

[GenerateSerializer, Immutable, Alias("cg.SendMessage")]
public sealed record SendMessage(
    [property: Id(0)] string Channel, [property: Id(1)] string ItemId, [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DateTimeOffset? OpenedAt, [property: Id(4)] DateTimeOffset? ClickedAt);

/// <summary>Channel rules between the wire (minutes, optional values) and Core (spans, defaults filled in).</summary>
public static class ChannelMapping
{
    public static (ChannelRules? Rules, IReadOnlyList<FieldError> Errors) ToRules(ChannelRulesSpec spec)
    {
        var d = new ChannelRules();
        var errors = new List<FieldError>();
        TimeSpan Minutes(double? value, TimeSpan fallback, string field)
        {
            if (value is null) return fallback;
            if (double.IsFinite(value.Value) && Math.Abs(value.Value) < TimeSpan.MaxValue.TotalMinutes / 2) return TimeSpan.FromMinutes(value.Value);
            errors.Add(new FieldError(field, "must be a finite number of minutes"));
            return fallback;
        }
        var rules = new ChannelRules
        {
            Formats = spec.Formats?.ToList() ?? d.Formats,
            CapPerDay = spec.CapPerDay ?? d.CapPerDay,
            CapPerWeek = spec.CapPerWeek ?? d.CapPerWeek,
            AllChannelsPerDay = spec.AllChannelsPerDay,
            MinGap = Minutes(spec.MinGapMinutes, d.MinGap, "minGapMinutes"),
            QuietStartHour = spec.QuietStartHour ?? d.QuietStartHour,
            QuietEndHour = spec.QuietEndHour ?? d.QuietEndHour,
            CostPerSend = spec.CostPerSend ?? d.CostPerSend,
            FatigueFactor = spec.FatigueFactor ?? d.FatigueFactor,
            IgnoredSendsForFatigue = spec.IgnoredSendsForFatigue ?? d.IgnoredSendsForFatigue,
            OpenWindow = Minutes(spec.OpenWindowMinutes, d.OpenWindow, "openWindowMinutes"),
            FatigueMemory = Minutes(spec.FatigueMemoryMinutes, d.FatigueMemory, "fatigueMemoryMinutes"),
        };
        // Core names spans without the unit; the wire names them in minutes.
        errors.AddRange(rules.Problems().Select(p => new FieldError(p.Field switch
        {
            "minGap" => "minGapMinutes", "openWindow" => "openWindowMinutes", "fatigueMemory" => "fatigueMemoryMinutes", var f => f,
        }, p.Reason)));
        return errors.Count == 0 ? (rules, []) : (null, errors);
    }

    public static ChannelRulesSpec ToSpec(ChannelRules r) => new()
    {
        Formats = r.Formats.ToList(), CapPerDay = r.CapPerDay, CapPerWeek = r.CapPerWeek, AllChannelsPerDay = r.AllChannelsPerDay,
        MinGapMinutes = r.MinGap.TotalMinutes, QuietStartHour = r.QuietStartHour, QuietEndHour = r.QuietEndHour, CostPerSend = r.CostPerSend,
        FatigueFactor = r.FatigueFactor, IgnoredSendsForFatigue = r.IgnoredSendsForFatigue, OpenWindowMinutes = r.OpenWindow.TotalMinutes,
        FatigueMemoryMinutes = r.FatigueMemory.TotalMinutes,
    };
}
