using ContentGrains.Core.Events;
using ContentGrains.Core.Experiments;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Tests.Experiments;

/// <summary>
/// Outcomes measured from the event log: only events at or after a person's first exposure (and before the stop) count,
/// earlier ones feed the CUPED covariate within the pre-exposure window, non-human persons are left out and counted, and a
/// planted lift in clicks is decided "ship" from events alone while an A/A split of the same people is not.
/// </summary>
public sealed class LogOutcomeMeasureTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly EventMetric Clicks = new([EventType.Click]);
    private static readonly EventMetric Engaged = new([EventType.Click, EventType.Like, EventType.Share], MinDwellSeconds: 30);
    private static readonly EventMetric Dwell = new([EventType.Dwell], Value: EventMetricValue.DwellSeconds);

    private static ExperimentDesign Design(string salt = "lift", long minPerArm = 100) => new()
    {
        Salt = salt,
        Arms = [new("A", 1), new("B", 1)],
        Metrics = [new("clicks", Events: Clicks), new("engaged", MetricKind.Proportion, Events: Engaged), new("dwell", Events: Dwell)],
        MinPersonsPerArm = minPerArm,
        PreExposureDays = 7,
    };

    private static Interaction Event(string id, string user, EventType type, DateTimeOffset at, string item = "i1", double dwell = 0) =>
        new(id, user, item, type, at, "web", dwell, null, null);

    private static Dictionary<string, Participant> Exposed(params (string Person, string Arm, DateTimeOffset At)[] people) =>
        people.ToDictionary(p => p.Person, p => new Participant { Arm = p.Arm, FirstExposure = p.At, Exposures = 1 }, StringComparer.Ordinal);

    [Fact]
    public void Only_events_at_or_after_the_first_exposure_and_before_the_stop_are_outcomes()
    {
        var participants = Exposed(("ann", "A", T0), ("bob", "B", T0.AddHours(1)));
        participants["ann"].Totals["posted"] = 5; // a client-posted total stays
        var measure = new LogOutcomeMeasure(Design(), participants, stoppedAt: T0.AddDays(2), new TrafficOptions());
        Interaction[] events =
        [
            Event("a1", "ann", EventType.Click, T0.AddDays(-8)),          // before the 7-day window: not an outcome, not in the covariate
            Event("a2", "ann", EventType.Click, T0.AddDays(-1)),          // pre-exposure: the covariate
            Event("a3", "ann", EventType.Click, T0.AddMinutes(-1)),       // pre-exposure: the covariate
            Event("a4", "ann", EventType.Click, T0),                      // at exposure: counts
            Event("a5", "ann", EventType.Dwell, T0.AddMinutes(2), dwell: 45), // dwell 45 s: engaged (long dwell) and dwell
            Event("a6", "ann", EventType.Impression, T0.AddMinutes(3)),   // matches no metric
            Event("a7", "ann", EventType.Click, T0.AddDays(2)),           // at the stop: not counted
            Event("b1", "bob", EventType.Click, T0.AddMinutes(30)),       // before bob's exposure
            Event("b2", "bob", EventType.Like, T0.AddHours(2)),           // engaged, not a click
            Event("c1", "carl", EventType.Click, T0.AddHours(3)),         // never exposed: passed over
        ];
        foreach (var e in events) measure.Observe(e);
        var outcomes = measure.Finish(new HashSet<string>());

        var ann = outcomes.Participants.Single(p => p.Arm == "A");
        var bob = outcomes.Participants.Single(p => p.Arm == "B");
        // engaged: the click and the long dwell (a proportion metric reads any total above 0 as 1)
        Assert.Equal((1.0, 2.0, 45.0, 5.0), (ann.Total("clicks"), ann.Total("engaged"), ann.Total("dwell"), ann.Total("posted")));
        Assert.Equal(2.0, ann.PreExposure); // a2 and a3; a1 lies before the window
        Assert.Equal((0.0, 1.0, 0.0), (bob.Total("clicks"), bob.Total("engaged"), bob.Total("dwell")));
        Assert.Equal(1.0, bob.PreExposure);
        Assert.Equal((10L, 3L, 4L), (outcomes.EventsRead, outcomes.EventsCounted, outcomes.EventsBeforeExposure));
        Assert.Equal((0L, 0L), (outcomes.ExcludedPersons, outcomes.ExcludedEvents));
    }

    [Fact]
    public void A_bot_is_left_out_whole_and_its_clicks_are_counted_as_excluded()
    {
        var participants = Exposed(("ann", "A", T0), ("bot", "B", T0), ("kpi-flagged", "B", T0));
        var measure = new LogOutcomeMeasure(Design(), participants, null, new TrafficOptions());
        measure.Observe(Event("a1", "ann", EventType.Click, T0.AddMinutes(1)));
        // 16 clicks on one item within a minute: the click-storm rule (>= 15 in one clock hour).
        for (var i = 0; i < 16; i++) measure.Observe(Event($"x{i}", "bot", EventType.Click, T0.AddSeconds(10 + i * 3), item: "storm"));
        measure.Observe(Event("k1", "kpi-flagged", EventType.Click, T0.AddMinutes(5)));
        var outcomes = measure.Finish(new HashSet<string> { "kpi-flagged" });

        Assert.Equal("A", Assert.Single(outcomes.Participants).Arm);
        Assert.Equal((2L, 17L, 1L), (outcomes.ExcludedPersons, outcomes.ExcludedEvents, outcomes.EventsCounted));
        Assert.Equal(new Dictionary<string, long> { ["click-storm"] = 1, ["flagged-by-kpi-job"] = 1 }, outcomes.ExcludedPersonsByReason);
    }

    [Fact]
    public void A_planted_lift_in_clicks_ships_from_events_alone_and_an_aa_split_of_the_same_people_does_not()
    {
        var (lift, aa) = (Design("lift"), Design("aa"));
        var liftArms = new ArmAssigner(lift.Salt, lift.Arms);
        var aaArms = new ArmAssigner(aa.Salt, aa.Arms);
        var random = new Random(7);
        var persons = Enumerable.Range(0, 2_000).Select(i => $"p{i}").ToList();
        var exposures = persons.ToDictionary(p => p, _ => T0.AddMinutes(random.Next(0, 3 * 24 * 60)), StringComparer.Ordinal);
        var events = new List<Interaction>();
        foreach (var person in persons)
        {
            var clickRate = liftArms.Assign(person) == "B" ? 0.36 : 0.30; // the planted lift: 20% more clicks per impression in B
            for (var k = 0; k < 10; k++)
            {
                var pre = exposures[person].AddHours(-1 - k * 10); // before exposure: not outcomes
                if (random.NextDouble() < 0.3) events.Add(Event($"{person}-pre{k}", person, EventType.Click, pre, item: $"i{k}"));
                var at = exposures[person].AddMinutes(5 + k * 37);
                events.Add(Event($"{person}-imp{k}", person, EventType.Impression, at, item: $"j{k}"));
                if (random.NextDouble() < clickRate) events.Add(Event($"{person}-clk{k}", person, EventType.Click, at.AddSeconds(4), item: $"j{k}"));
            }
        }
        events.Sort((x, y) => x.Timestamp.CompareTo(y.Timestamp));

        ExperimentReport Run(ExperimentDesign design, ArmAssigner assigner)
        {
            var participants = persons.ToDictionary(p => p, p => new Participant { Arm = assigner.Assign(p), FirstExposure = exposures[p], Exposures = 1 }, StringComparer.Ordinal);
            var measure = new LogOutcomeMeasure(design, participants, null, new TrafficOptions());
            foreach (var e in events) measure.Observe(e);
            var outcomes = measure.Finish(new HashSet<string>());
            Assert.Equal(0, outcomes.ExcludedPersons); // people, not bots
            Assert.Equal(events.Count(e => e.Type == EventType.Click && e.EventId.Contains("-pre")), outcomes.EventsBeforeExposure);
            return new ExperimentAnalysis(design).Analyze([.. outcomes.Participants]);
        }

        var liftReport = Run(lift, liftArms);
        Assert.Equal((Verdict.Ship, "B"), (liftReport.Decision.Verdict, liftReport.Decision.Arm));
        var clicks = liftReport.Comparisons.Single(c => c.Metric == "clicks");
        Assert.InRange(clicks.RelativeLift!.Value, 0.1, 0.3); // planted 0.2 (0.36 / 0.30 − 1)
        Assert.True(liftReport.CupedApplied); // the covariate came from the log
        var aaReport = Run(aa, aaArms);
        Assert.NotEqual(Verdict.Ship, aaReport.Decision.Verdict);
        Assert.True(aaReport.Comparisons.Single(c => c.Metric == "clicks").Sequential is { Low: < 0, High: > 0 });
    }

    [Fact]
    public void A_bad_event_metric_names_the_field()
    {
        var design = Design() with { Metrics = [new("clicks", Events: new EventMetric([])), new("dwell", Events: new EventMetric([EventType.Dwell], MinDwellSeconds: -1))] };
        var problems = design.Problems();
        Assert.Contains(("metrics[0].events.types", "must list at least one event type (or set minDwellSeconds)"), problems);
        Assert.Contains(("metrics[1].events.minDwellSeconds", "must be a positive number of seconds"), problems);
        Assert.Contains(("preExposureDays", "must be between 0 and 365"), (Design() with { PreExposureDays = -1 }).Problems());
    }
}
