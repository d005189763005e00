namespace ContentGrains.Core.Traffic;

/// <summary>Why traffic was judged not human.</summary>
public enum FlagReason
{
    /// <summary>More than <see cref="TrafficOptions.MaxActionsPerMinute"/> actions a minute for <see cref="TrafficOptions.SustainedMinutes"/> minutes.</summary>
    InhumanRate,
    /// <summary>Gaps between events too even (coefficient of variation below <see cref="TrafficOptions.MaxRegularityCv"/>).</summary>
    RoboticRegularity,
    /// <summary>One item clicked <see cref="TrafficOptions.StormClicksPerItemHour"/> times or more in an hour.</summary>
    ClickStorm,
    /// <summary>Many clicks and not one impression.</summary>
    ClicksWithoutImpressions,
}

public static class FlagReasons
{
    public static string Name(this FlagReason reason) => reason switch
    {
        FlagReason.InhumanRate => "inhuman-rate",
        FlagReason.RoboticRegularity => "robotic-regularity",
        FlagReason.ClickStorm => "click-storm",
        FlagReason.ClicksWithoutImpressions => "clicks-without-impressions",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown flag reason"),
    };

    public static FlagReason Parse(string name) =>
        Enum.GetValues<FlagReason>().FirstOrDefault(r => r.Name() == name) is var reason && reason.Name() == name
            ? reason
            : throw new ArgumentException($"reason: '{name}' is not a flag reason", nameof(name));
}

/// <summary>A person judged not human: the first rule they broke, when (the time of the event that broke it) and the
/// figures that broke it.</summary>
public sealed record TrafficFlag(string PersonId, FlagReason Reason, DateTimeOffset At, string Evidence)
{
    public string ReasonName => Reason.Name();
}
