using ContentGrains.Core.Events;

namespace ContentGrains.Core.Channels;

/// <summary>
/// Everything a person has been sent on every channel, their "see less" marks per channel and their time zone: the one
/// record that decides whether another send is allowed (caps, gap, quiet hours, fatigue). The user grain holds it;
/// the planner works on a copy with its tentative sends added. Plain data with public setters for grain storage.
/// Sends older than <see cref="Retention"/> are dropped when new ones come, so its size is bounded by the caps.
/// </summary>
public sealed class PersonExposure
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(35);
    public const int MaxSends = 2_000;

    /// <summary>In time order.</summary>
    public List<ChannelSend> Sends { get; set; } = [];
    /// <summary>A dislike on a channel ("see less"), as channel and time.</summary>
    public List<KeyValuePair<string, DateTimeOffset>> SeeLess { get; set; } = [];
    public string TimeZone { get; set; } = PersonTimeZone.Default;

    /// <summary>A copy to add tentative sends to. Shallow: the sends themselves are shared, so change them only through the original.</summary>
    public PersonExposure Copy() => new() { Sends = [.. Sends], SeeLess = [.. SeeLess], TimeZone = TimeZone };

    /// <summary>
    /// Null when a send on <paramref name="channel"/> at <paramref name="at"/> breaks no rule, else the refusal
    /// (<see cref="SendRefusals"/>). Local days and weeks become UTC instants once (cached by the calendar), so the scan
    /// over the sends of the surrounding days compares instants only.
    /// </summary>
    public string? Refusal(string channel, ChannelRules rules, DateTimeOffset at, TimeZoneInfo zone) =>
        Refusal(channel, rules, at, new LocalCalendar(zone));

    /// <inheritdoc cref="Refusal(string, ChannelRules, DateTimeOffset, TimeZoneInfo)"/>
    public string? Refusal(string channel, ChannelRules rules, DateTimeOffset at, LocalCalendar calendar)
    {
        var local = calendar.Local(at);
        if (rules.IsQuietHour(local.Hour)) return SendRefusals.QuietHours;
        var (dayStart, dayEnd, weekStart, weekEnd) = calendar.Bounds(local.Date);
        var from = Min(weekStart, at - rules.MinGap);
        var to = Max(weekEnd, at + rules.MinGap);
        int sameDay = 0, sameWeek = 0, allDay = 0;
        for (var i = FirstAtOrAfter(from); i < Sends.Count && Sends[i].At < to; i++)
        {
            var send = Sends[i];
            if ((send.At - at).Duration() < rules.MinGap) return SendRefusals.MinGap;
            var inDay = send.At >= dayStart && send.At < dayEnd;
            if (inDay) allDay++;
            if (send.Channel != channel) continue;
            if (inDay) sameDay++;
            if (send.At >= weekStart && send.At < weekEnd) sameWeek++;
        }
        if (sameDay >= rules.CapPerDay) return SendRefusals.CapPerDay;
        if (sameWeek >= rules.CapPerWeek) return SendRefusals.CapPerWeek;
        if (rules.AllChannelsPerDay is { } all && allDay >= all) return SendRefusals.AllChannelsPerDay;
        var factor = FatigueFactor(channel, rules, at);
        if (factor < 1 && sameDay >= Math.Floor(rules.CapPerDay * factor)) return SendRefusals.CapPerDay;
        if (factor < 1 && sameWeek >= Math.Floor(rules.CapPerWeek * factor)) return SendRefusals.CapPerWeek;
        return null;
    }

    public bool WasSent(string channel, string itemId)
    {
        foreach (var send in Sends)
            if (send.ItemId == itemId && send.Channel == channel) return true;
        return false;
    }

    private int FirstAtOrAfter(DateTimeOffset at)
    {
        int low = 0, high = Sends.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (Sends[mid].At < at) low = mid + 1; else high = mid;
        }
        return low;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>
    /// What fatigue leaves of the caps at <paramref name="at"/>: <see cref="ChannelRules.FatigueFactor"/> to the power of
    /// the "see less" marks within memory plus the completed runs of ignored sends at the end of the channel's history.
    /// </summary>
    public double FatigueFactor(string channel, ChannelRules rules, DateTimeOffset at)
    {
        var marks = 0;
        foreach (var mark in SeeLess)
            if (mark.Key == channel && mark.Value <= at && at - mark.Value <= rules.FatigueMemory) marks++;
        var ignoredInRow = 0;
        for (var i = Sends.Count - 1; i >= 0; i--)
        {
            var send = Sends[i];
            if (send.Channel != channel || send.At > at || at - send.At > rules.FatigueMemory) continue;
            if (send.OpenedAt is not null && send.OpenedAt - send.At <= rules.OpenWindow) break;
            if (send.IgnoredAt(at, rules.OpenWindow)) ignoredInRow++;
        }
        return Math.Pow(rules.FatigueFactor, marks + ignoredInRow / rules.IgnoredSendsForFatigue);
    }

    /// <summary>Adds a send in time order and drops sends older than the retention.</summary>
    public void Record(ChannelSend send)
    {
        var at = Sends.FindLastIndex(s => s.At <= send.At) + 1;
        Sends.Insert(at, send);
        var cutoff = Sends[^1].At - Retention;
        var old = Sends.FindIndex(s => s.At >= cutoff);
        if (old > 0) Sends.RemoveRange(0, old);
        if (Sends.Count > MaxSends) Sends.RemoveRange(0, Sends.Count - MaxSends);
    }

    /// <summary>An engagement with <paramref name="itemId"/> on <paramref name="channel"/>: the latest earlier send of it is opened (and clicked).</summary>
    public void Engage(string channel, string itemId, DateTimeOffset at, bool click)
    {
        var i = Sends.FindLastIndex(s => s.Channel == channel && s.ItemId == itemId && s.At <= at);
        if (i < 0) return;
        Sends[i].OpenedAt ??= at;
        if (click) Sends[i].ClickedAt ??= at;
    }

    public void MarkSeeLess(string channel, DateTimeOffset at)
    {
        SeeLess.Add(new(channel, at));
        SeeLess.RemoveAll(m => at - m.Value > Retention);
    }

    /// <summary>What an event means for exposure: a dislike is a "see less" on its channel; any other engagement but an impression opens the send of its item.</summary>
    public void Apply(Interaction e)
    {
        if (e.Type == EventType.Dislike) MarkSeeLess(e.Channel, e.Timestamp);
        else if (e.Type != EventType.Impression) Engage(e.Channel, e.ItemId, e.Timestamp, click: e.Type == EventType.Click);
    }
}
