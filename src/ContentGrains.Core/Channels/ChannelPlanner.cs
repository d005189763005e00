namespace ContentGrains.Core.Channels;

/// <summary>
/// Plans one channel over a horizon of whole hours: for each person, the hours ranked by their expected open rate
/// (send-time model, person → group → channel → global) are tried best first, and every hour that the person's
/// exposure allows (quiet hours in their time zone, this channel's caps lowered by fatigue, the shared daily cap and
/// the gap to any send on any channel, including the sends planned before it) gets a send, until the caps are used or
/// a send would bring less than <see cref="MinClicksPerCost"/>. The item comes from <see cref="SegmentSpread"/> among
/// those the channel accepts and the person has not been sent on it. Cost: persons × hours × (sends of a week), so a
/// plan is bounded by the page of persons and the horizon (at most <see cref="MaxHorizonHours"/>).
/// </summary>
public sealed class ChannelPlanner
{
    public const int MaxHorizonHours = 168;

    private readonly string channel;
    private readonly ChannelRules rules;
    private readonly SendTimeModel model;
    private readonly IReadOnlyList<PlanItem> items;
    private readonly DateTimeOffset[] slots;
    private readonly SegmentSpread spread;
    private readonly Dictionary<string, LocalCalendar> calendars = new(StringComparer.Ordinal);

    public ChannelPlanner(string channel, ChannelRules rules, SendTimeModel model, IEnumerable<PlanItem> candidates, DateTimeOffset start, int horizonHours)
    {
        if (horizonHours is < 1 or > MaxHorizonHours) throw new ArgumentOutOfRangeException(nameof(horizonHours), horizonHours, $"the horizon must be between 1 and {MaxHorizonHours} hours");
        (this.channel, this.rules, this.model) = (channel, rules, model);
        items = candidates.Where(i => rules.Accepts(i.Format)).ToList();
        var first = new DateTimeOffset(start.UtcDateTime.Date.AddHours(start.UtcDateTime.Hour), TimeSpan.Zero);
        if (first < start) first = first.AddHours(1);
        slots = Enumerable.Range(0, horizonHours).Select(h => first.AddHours(h)).ToArray();
        spread = new SegmentSpread(items);
    }

    public double MinClicksPerCost { get; init; }

    /// <summary>Items the channel accepts, of the candidates given.</summary>
    public IReadOnlyList<PlanItem> Items => items;

    public SegmentSpread Spread => spread;

    /// <summary>The plan for these persons, in person order then send time. Call again with the next page: the spread carries over.</summary>
    public List<PlanEntry> Plan(IEnumerable<PlanPerson> persons)
    {
        var plan = new List<PlanEntry>();
        foreach (var person in persons) PlanPerson(person, plan);
        return plan;
    }

    private void PlanPerson(PlanPerson person, List<PlanEntry> plan)
    {
        if (items.Count == 0) return;
        if (!calendars.TryGetValue(person.Exposure.TimeZone, out var calendar))
            calendars[person.Exposure.TimeZone] = calendar = new LocalCalendar(PersonTimeZone.Of(person.Exposure.TimeZone));
        var exposure = person.Exposure.Copy();
        var curve = model.Curve(channel, person.Segment, person.PersonId);
        var rates = new double[slots.Length];
        var order = new int[slots.Length];
        for (var i = 0; i < slots.Length; i++) (rates[i], order[i]) = (curve.Rate(calendar.HourOfWeek(slots[i])), i);
        Array.Sort(order, (a, b) => rates[a] != rates[b] ? rates[b].CompareTo(rates[a]) : a.CompareTo(b)); // best first, then earliest
        var start = plan.Count;
        for (var k = 0; k < order.Length; k++)
        {
            var (at, rate) = (slots[order[k]], rates[order[k]]);
            if (exposure.Refusal(channel, rules, at, calendar) is not null) continue;
            var pick = spread.Pick(person.Segment, i => !exposure.WasSent(channel, items[i].ItemId));
            if (pick < 0) break;
            var clicks = rate * items[pick].CtrPrior;
            if (clicks / rules.CostPerSend < MinClicksPerCost) break;
            spread.Count(person.Segment, pick);
            exposure.Record(ChannelSend.Of(channel, items[pick].ItemId, at));
            plan.Add(new PlanEntry(items[pick].ItemId, person.PersonId, person.Segment, at, rate, clicks, rules.CostPerSend));
        }
        plan.Sort(start, plan.Count - start, Comparer<PlanEntry>.Create((a, b) => a.SendAt.CompareTo(b.SendAt)));
    }
}
