namespace ContentGrains.Core.Channels;

/// <summary>One send as the audit sees it: who, which channel, when, and its place in the order sends were recorded.</summary>
public sealed record AuditedSend(string PersonId, string Channel, DateTimeOffset At, long Order);

/// <summary>
/// Counts rule violations in a history of sends, written apart from <see cref="PersonExposure"/> (plain loops over local
/// dates) so the property test does not check the planner with the planner's own code. It checks the nominal rules:
/// quiet hours, caps per local day and week per channel, the shared daily cap (a send may not be recorded once the day
/// already held that many), and the gap (two sends closer than the minimum gap of the one recorded later).
/// Fatigue only lowers caps; it has its own tests.
/// </summary>
public static class SendAudit
{
    public static IReadOnlyDictionary<string, long> Violations(
        IEnumerable<AuditedSend> sends, IReadOnlyDictionary<string, ChannelRules> rules, Func<string, TimeZoneInfo> zoneOf)
    {
        var found = new Dictionary<string, long>
        {
            [SendRefusals.QuietHours] = 0, [SendRefusals.CapPerDay] = 0, [SendRefusals.CapPerWeek] = 0,
            [SendRefusals.AllChannelsPerDay] = 0, [SendRefusals.MinGap] = 0,
        };
        foreach (var person in sends.GroupBy(s => s.PersonId))
        {
            var zone = zoneOf(person.Key);
            var local = person.Select(s => (Send: s, Local: TimeZoneInfo.ConvertTime(s.At, zone).DateTime)).OrderBy(s => s.Send.At).ToList();
            foreach (var (send, time) in local)
                if (rules[send.Channel].IsQuietHour(time.Hour)) found[SendRefusals.QuietHours]++;
            foreach (var day in local.GroupBy(s => (s.Send.Channel, s.Local.Date)))
                if (day.Count() > rules[day.Key.Channel].CapPerDay) found[SendRefusals.CapPerDay] += day.Count() - rules[day.Key.Channel].CapPerDay;
            foreach (var week in local.GroupBy(s => (s.Send.Channel, Monday: s.Local.Date.AddDays(-(((int)s.Local.DayOfWeek + 6) % 7)))))
                if (week.Count() > rules[week.Key.Channel].CapPerWeek) found[SendRefusals.CapPerWeek] += week.Count() - rules[week.Key.Channel].CapPerWeek;
            foreach (var day in local.GroupBy(s => s.Local.Date))
            {
                var before = 0;
                foreach (var (send, _) in day.OrderBy(s => s.Send.Order))
                {
                    if (rules[send.Channel].AllChannelsPerDay is { } cap && before >= cap) found[SendRefusals.AllChannelsPerDay]++;
                    before++;
                }
            }
            for (var i = 0; i < local.Count; i++)
                for (var j = i + 1; j < local.Count && local[j].Send.At - local[i].Send.At < TimeSpan.FromDays(7); j++)
                {
                    var later = local[i].Send.Order > local[j].Send.Order ? local[i].Send : local[j].Send;
                    if (local[j].Send.At - local[i].Send.At < rules[later.Channel].MinGap) found[SendRefusals.MinGap]++;
                }
        }
        return found;
    }
}
