using System.Globalization;
using ContentGrains.Core.Events;

namespace ContentGrains.Core.Traffic;

/// <summary>
/// What the traffic rules keep of one person: the gaps' moments, the current minute's actions and the run of inhuman
/// minutes, the current hour's clicks per item (at most <see cref="MaxItemsPerHour"/> items), and impression and click
/// counts. About 200 bytes a person, plus the hour's items while they click. Events are judged in the order given; an
/// event older than the person's latest adds to the counts but not to gaps, minutes or hours (a log is near time order).
/// </summary>
internal sealed class PersonActivity
{
    public const int MaxItemsPerHour = 64;

    private long lastTicks = long.MinValue;
    private double gapCount, gapMean, gapM2;
    private long minute = long.MinValue, lastHighMinute = long.MinValue;
    private int actionsThisMinute, highRun;
    private long hour = long.MinValue;
    private Dictionary<string, int>? clicksThisHour;

    public long Impressions { get; private set; }
    public long Clicks { get; private set; }
    public DateTimeOffset? ClickThresholdAt { get; private set; }

    /// <summary>Adds the event; answers the reason and evidence of the first rule it breaks, or null.</summary>
    public (FlagReason Reason, string Evidence)? Observe(Interaction e, TrafficOptions options)
    {
        var ticks = e.Timestamp.UtcTicks;
        if (e.Type == EventType.Impression) Impressions++;
        if (e.Type == EventType.Click && ++Clicks == options.MinClicksWithoutImpressions) ClickThresholdAt = e.Timestamp;
        if (ticks < lastTicks) return null;
        var broken = Rate(e, ticks, options) ?? Storm(e, ticks, options) ?? Regularity(ticks, options);
        lastTicks = ticks;
        return broken;
    }

    private (FlagReason, string)? Rate(Interaction e, long ticks, TrafficOptions options)
    {
        if (e.Type == EventType.Impression) return null;
        var m = ticks / TimeSpan.TicksPerMinute;
        if (m != minute) (minute, actionsThisMinute) = (m, 0);
        if (++actionsThisMinute != options.MaxActionsPerMinute) return null;
        highRun = lastHighMinute == m - 1 ? highRun + 1 : 1;
        lastHighMinute = m;
        return highRun >= options.SustainedMinutes
            ? (FlagReason.InhumanRate, Text($"{options.MaxActionsPerMinute}+ actions a minute for {highRun} minutes in a row"))
            : null;
    }

    private (FlagReason, string)? Storm(Interaction e, long ticks, TrafficOptions options)
    {
        if (e.Type != EventType.Click) return null;
        var h = ticks / TimeSpan.TicksPerHour;
        if (h != hour) (hour, clicksThisHour) = (h, null);
        clicksThisHour ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (!clicksThisHour.TryGetValue(e.ItemId, out var clicks) && clicksThisHour.Count >= MaxItemsPerHour) return null;
        clicksThisHour[e.ItemId] = ++clicks;
        return clicks == options.StormClicksPerItemHour
            ? (FlagReason.ClickStorm, Text($"{clicks} clicks on item {e.ItemId} within one hour"))
            : null;
    }

    /// <summary>Gaps between distinct times only: an impression, its click and its dwell share one moment.</summary>
    private (FlagReason, string)? Regularity(long ticks, TrafficOptions options)
    {
        if (lastTicks == long.MinValue || ticks == lastTicks) return null;
        var gap = (ticks - lastTicks) / (double)TimeSpan.TicksPerSecond;
        gapCount++;
        var delta = gap - gapMean;
        gapMean += delta / gapCount;
        gapM2 += delta * (gap - gapMean);
        if (gapCount < options.MinGapsForRegularity) return null;
        var cv = Math.Sqrt(gapM2 / (gapCount - 1)) / gapMean;
        return cv < options.MaxRegularityCv
            ? (FlagReason.RoboticRegularity, Text($"{gapCount:0} gaps of mean {gapMean:0.##} s with coefficient of variation {cv:0.###}"))
            : null;
    }

    /// <summary>Writes every field, so that a stored detector (an experiment's incremental pass) judges on as if never stopped.</summary>
    public void Write(BinaryWriter w)
    {
        w.Write(lastTicks); w.Write(gapCount); w.Write(gapMean); w.Write(gapM2);
        w.Write(minute); w.Write(lastHighMinute); w.Write(actionsThisMinute); w.Write(highRun); w.Write(hour);
        w.Write(Impressions); w.Write(Clicks); w.Write(ClickThresholdAt?.UtcTicks ?? long.MinValue);
        w.Write(clicksThisHour?.Count ?? -1);
        foreach (var (item, clicks) in clicksThisHour ?? []) { w.Write(item); w.Write(clicks); }
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static PersonActivity Read(BinaryReader r)
    {
        var a = new PersonActivity
        {
            lastTicks = r.ReadInt64(), gapCount = r.ReadDouble(), gapMean = r.ReadDouble(), gapM2 = r.ReadDouble(),
            minute = r.ReadInt64(), lastHighMinute = r.ReadInt64(), actionsThisMinute = r.ReadInt32(), highRun = r.ReadInt32(), hour = r.ReadInt64(),
            Impressions = r.ReadInt64(), Clicks = r.ReadInt64(),
        };
        var threshold = r.ReadInt64();
        a.ClickThresholdAt = threshold == long.MinValue ? null : new DateTimeOffset(threshold, TimeSpan.Zero);
        var items = r.ReadInt32();
        if (items < 0) return a;
        a.clicksThisHour = new Dictionary<string, int>(items, StringComparer.Ordinal);
        for (var i = 0; i < items; i++) a.clicksThisHour[r.ReadString()] = r.ReadInt32();
        return a;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
