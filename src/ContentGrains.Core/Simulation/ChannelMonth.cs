using System.Diagnostics;
using ContentGrains.Core.Channels;

namespace ContentGrains.Core.Simulation;

/// <summary>
/// A simulated month of channel plans. People get random time zones and segments, channels random rules. First
/// <see cref="ChannelMonthSettings.LearnDays"/> days of sends at random hours (opens drawn from the world's planted best
/// hours) train the send-time model; then every day each channel plans the next 24 hours for everyone, page by page,
/// and the plan is carried out as the user grains would record it: sends, opens, clicks and "see less" marks go into
/// each person's exposure (so fatigue and cross-channel caps apply the next time) and the model keeps learning.
/// </summary>
public sealed class ChannelMonth(ChannelMonthSettings settings)
{
    private readonly ClickOracle oracle = new(settings.World);
    private readonly SimRandom random = new((ulong)settings.Seed);

    public ChannelMonthResult Run()
    {
        if (settings.Problem() is { } problem) throw new ArgumentException(problem, nameof(settings));
        var channels = settings.World.ChannelBestHours.Keys.Order(StringComparer.Ordinal).ToList();
        var rules = channels.ToDictionary(c => c, _ => RandomRules());
        var items = Enumerable.Range(0, settings.Items).Select(i => new PlanItem($"i{i}", null, 0.05 + 0.25 * random.NextDouble())).ToList();
        var people = Enumerable.Range(0, settings.People).Select(p => new PlanPerson($"u{p}", $"s{random.NextInt(settings.Segments)}",
            new PersonExposure { TimeZone = settings.TimeZones[random.NextInt(settings.TimeZones.Count)] })).ToList();
        var calendars = settings.TimeZones.Distinct().ToDictionary(z => z, z => new LocalCalendar(PersonTimeZone.Of(z)));
        var zones = people.ToDictionary(p => p.PersonId, p => calendars[p.Exposure.TimeZone]);
        var exposures = people.ToDictionary(p => p.PersonId, p => p.Exposure);
        var model = new SendTimeModel(new SendTimeSettings());
        var start = settings.World.Start;
        Learn(model, people, zones, channels, start);
        var recovered = channels.ToDictionary(c => c, c => model.BestHourOfDay(c).Hour);

        var tally = new Tally();
        var planClock = new Stopwatch();
        var fewestItems = int.MaxValue;
        for (var day = 0; day < settings.PlanDays; day++)
        {
            var dayStart = start.AddDays(settings.LearnDays + day);
            foreach (var channel in channels)
            {
                tally.FatiguedPlans += people.Count(p => p.Exposure.FatigueFactor(channel, rules[channel], dayStart) < 1);
                planClock.Start();
                var planner = new ChannelPlanner(channel, rules[channel], model, items, dayStart, 24);
                var plan = new List<PlanEntry>();
                for (var page = 0; page < people.Count; page += settings.PageSize)
                    plan.AddRange(planner.Plan(people.Skip(page).Take(settings.PageSize)));
                planClock.Stop();
                tally.PersonPlans += people.Count;
                fewestItems = Math.Min(fewestItems, FewestItems(planner.Spread, items.Count));
                CarryOut(channel, plan, exposures, zones, items, model, tally);
            }
        }
        var violations = SendAudit.Violations(tally.Audited, rules, p => zones[p].Zone);
        return new ChannelMonthResult(settings.People, settings.PlanDays, rules, tally.Audited.Count, violations, tally.TrueClicks,
            tally.FixedHourClicks, tally.FixedLocalHourClicks, tally.ModelClicks, tally.SimulatedClicks, settings.World.ChannelBestHours, recovered,
            fewestItems == int.MaxValue ? 0 : fewestItems, items.Count, tally.FatiguedPlans, planClock.Elapsed.TotalSeconds, tally.PersonPlans);
    }

    private sealed class Tally
    {
        public List<AuditedSend> Audited { get; } = [];
        public double TrueClicks, FixedHourClicks, FixedLocalHourClicks, ModelClicks, SimulatedClicks;
        public long FatiguedPlans, PersonPlans;
    }

    private ChannelRules RandomRules() => new()
    {
        CapPerDay = 1 + random.NextInt(3),
        CapPerWeek = 3 + random.NextInt(10),
        AllChannelsPerDay = random.NextDouble() < 0.5 ? null : 2 + random.NextInt(4),
        MinGap = TimeSpan.FromMinutes(60 + random.NextInt(6 * 60)),
        QuietStartHour = 20 + random.NextInt(4),
        QuietEndHour = 5 + random.NextInt(4),
        CostPerSend = 0.5 + 2.5 * random.NextDouble(),
        FatigueFactor = 0.5,
        IgnoredSendsForFatigue = 3 + random.NextInt(3),
    };

    /// <summary>The history the model starts from: one send per person, channel and day at a random minute, opened as the oracle says.</summary>
    private void Learn(SendTimeModel model, List<PlanPerson> people, Dictionary<string, LocalCalendar> zones, List<string> channels, DateTimeOffset start)
    {
        for (var day = 0; day < settings.LearnDays; day++)
            foreach (var person in people)
                foreach (var channel in channels)
                {
                    var at = start.AddDays(day).AddMinutes(random.NextInt(24 * 60));
                    var local = zones[person.PersonId].Local(at);
                    var opened = random.NextDouble() < oracle.OpenProbability(channel, local.Hour + local.Minute / 60.0);
                    model.Add(channel, person.Segment, person.PersonId, HourOfWeek.Of(local), opened);
                }
    }

    /// <summary>Records each planned send where the user grain would, draws its open, click and "see less", and scores it against the fixed hour.</summary>
    private void CarryOut(string channel, List<PlanEntry> plan, Dictionary<string, PersonExposure> exposures, Dictionary<string, LocalCalendar> zones,
        List<PlanItem> items, SendTimeModel model, Tally tally)
    {
        var byId = items.ToDictionary(i => i.ItemId);
        foreach (var entry in plan)
        {
            var calendar = zones[entry.PersonId];
            var exposure = exposures[entry.PersonId];
            exposure.Record(ChannelSend.Of(channel, entry.ItemId, entry.SendAt));
            tally.Audited.Add(new AuditedSend(entry.PersonId, channel, entry.SendAt, tally.Audited.Count));
            var local = calendar.Local(entry.SendAt);
            var open = oracle.OpenProbability(channel, local.Hour + local.Minute / 60.0);
            var ctr = byId[entry.ItemId].CtrPrior;
            var fixedAt = new DateTimeOffset(entry.SendAt.UtcDateTime.Date.AddHours(settings.FixedUtcHour), TimeSpan.Zero);
            var fixedLocal = calendar.Local(fixedAt);
            tally.TrueClicks += open * ctr;
            tally.FixedHourClicks += oracle.OpenProbability(channel, fixedLocal.Hour + fixedLocal.Minute / 60.0) * ctr;
            tally.FixedLocalHourClicks += oracle.OpenProbability(channel, settings.FixedUtcHour) * ctr;
            tally.ModelClicks += entry.ExpectedClicks;
            var opened = random.NextDouble() < open;
            model.Add(channel, entry.Segment, entry.PersonId, HourOfWeek.Of(local), opened);
            if (opened)
            {
                var clicked = random.NextDouble() < ctr;
                exposure.Engage(channel, entry.ItemId, entry.SendAt.AddMinutes(30), clicked);
                if (clicked) tally.SimulatedClicks++;
            }
            if (random.NextDouble() < settings.SeeLessRate) exposure.MarkSeeLess(channel, entry.SendAt.AddHours(1));
        }
    }

    /// <summary>The fewest distinct items any segment got in one plan, among segments with at least two sends.</summary>
    private static int FewestItems(SegmentSpread spread, int items) =>
        spread.Sends.Values.Where(c => c.Sum() >= 2).Select(c => c.Count(n => n > 0)).DefaultIfEmpty(items).Min();
}
