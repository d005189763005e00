using ContentGrains.Core.Events;
using ContentGrains.Core.Experiments;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Tests.Experiments;

/// <summary>
/// The incremental log pass answers what a fresh full pass answers after every append: persons exposed later (their
/// history read through the per-person index), events before exposure, bots flagged after their clicks were counted, a
/// clicks-without-impressions flag that an impression lifts, KPI flags that come and go, a restart from the stored bytes,
/// and a commit that lands late inside the re-read window. Its state is per exposed person, and bounded.
/// </summary>
public sealed class IncrementalOutcomePassTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TrafficOptions Traffic = new();

    private static readonly ExperimentDesign Design = new()
    {
        Salt = "inc",
        Arms = [new("A", 1), new("B", 1)],
        Metrics =
        [
            new("ctr", MetricKind.Ratio, Ratio: new RatioMetric(new EventMetric([EventType.Click]), new EventMetric([EventType.Impression]))),
            new("clicks", Events: new EventMetric([EventType.Click])),
            new("engaged", MetricKind.Proportion, Events: new EventMetric([EventType.Like], MinDwellSeconds: 30)),
        ],
        MinPersonsPerArm = 10,
        PreExposureDays = 2,
    };

    private static readonly ArmAssigner Arms = new(Design.Salt, Design.Arms);
    private int ids;

    private Interaction Event(string user, EventType type, DateTimeOffset at, string item, double dwell = 0) =>
        new($"e{++ids}", user, item, type, at, "web", dwell, null, null);

    /// <summary>A person browsing: impressions at bursty gaps, a click on a quarter of them, now and then a long dwell or a like.</summary>
    private IEnumerable<Interaction> Session(Random random, string person, DateTimeOffset from, int impressions)
    {
        var at = from;
        for (var k = 0; k < impressions; k++)
        {
            at = at.AddSeconds(1 + 600 * -Math.Log(1 - random.NextDouble()));
            var item = $"i{random.Next(10_000)}";
            yield return Event(person, EventType.Impression, at, item);
            if (random.NextDouble() < 0.25) yield return Event(person, EventType.Click, at.AddSeconds(3), item);
            if (random.NextDouble() < 0.1) yield return Event(person, EventType.Dwell, at.AddSeconds(4), item, dwell: 10 + random.Next(60));
            if (random.NextDouble() < 0.05) yield return Event(person, EventType.Like, at.AddSeconds(5), item);
        }
    }

    private static void Expose(Dictionary<string, Participant> ledger, string person, DateTimeOffset at) =>
        ledger[person] = new Participant { Arm = Arms.Assign(person), FirstExposure = at, Exposures = 1 };

    [Fact]
    public async Task After_each_append_the_incremental_pass_equals_a_fresh_full_pass()
    {
        var random = new Random(42);
        var log = new SequencedEventLog();
        var ledger = new Dictionary<string, Participant>(StringComparer.Ordinal);
        var humans = Enumerable.Range(0, 120).Select(i => $"p{i}").ToArray();

        // Day −3 to +1: everyone browses; p0-p39, a bot, a clicker without impressions and a person the KPI job will flag are exposed.
        foreach (var person in humans.Take(100)) log.Append(Session(random, person, T0.AddDays(-3).AddMinutes(random.Next(3 * 24 * 60)), 30));
        for (var i = 0; i < 40; i++) Expose(ledger, humans[i], T0.AddMinutes(i));
        Expose(ledger, "bot", T0);
        log.Append(Enumerable.Range(0, 3).Select(k => Event("bot", EventType.Click, T0.AddHours(k + 1), $"b{k}"))); // counted at first: looks human
        Expose(ledger, "noimp", T0);
        log.Append(Enumerable.Range(0, 20).Select(k => Event("noimp", EventType.Click, T0.AddMinutes(10 + 7 * k), $"n{k}")));
        Expose(ledger, "kpi", T0);
        log.Append(Session(random, "kpi", T0.AddHours(2), 10));
        var pass = IncrementalOutcomePass.Resume(null, Design, ledger, null, Traffic, out var fresh, lateCommitWindow: 50);
        Assert.True(fresh);
        var first = await PassAndCompareAsync(pass, log, ledger, new HashSet<string>());
        Assert.Equal(("full pass reads everything", log.InSequenceOrder.Count()), ("full pass reads everything", (int)first.Stats.EventsRead));
        Assert.Equal(1, first.Outcomes.ExcludedPersonsByReason["clicks-without-impressions"]);
        Assert.Contains(first.Outcomes.Participants, p => p.Total("clicks") == 3 && p.Total(RatioMetric.DenominatorKey("ctr")) == 0); // the bot, counted for now

        // Day +1 to +2: p40-p79 exposed now, with history before (the covariate) and after their exposure already in the log; the bot storms.
        var before = log.InSequenceOrder.Count();
        for (var i = 40; i < 80; i++) Expose(ledger, humans[i], T0.AddHours(i - 40)); // in the past: some of their logged events are outcomes
        foreach (var person in humans) log.Append(Session(random, person, T0.AddDays(1).AddMinutes(random.Next(24 * 60)), 8));
        log.Append(Enumerable.Range(0, 16).Select(k => Event("bot", EventType.Click, T0.AddDays(1).AddSeconds(10 + 3 * k), "storm")));
        Expose(ledger, "late1", T0.AddDays(1));
        var late = log.Reserve(); // a batch that took its sequence now and commits after the next append
        log.Append(Session(random, "p0", T0.AddDays(2), 3));

        // A restart between reads: the pass goes on from its stored bytes.
        pass = IncrementalOutcomePass.Resume(pass.ToBytes(), Design, ledger, null, Traffic, out fresh, lateCommitWindow: 50);
        Assert.False(fresh);
        var second = await PassAndCompareAsync(pass, log, ledger, new HashSet<string> { "kpi" });
        Assert.Equal(41, second.Stats.PersonsAdded); // p40-p79 and late1
        Assert.True(second.Stats.HistoryEvents > 0);
        Assert.InRange(second.Stats.EventsRead, log.InSequenceOrder.Count() - before, log.InSequenceOrder.Count() - before + 50); // the new events and the re-read window
        Assert.Equal(1, second.Outcomes.ExcludedPersonsByReason["click-storm"]); // the bot's three counted clicks leave with it
        Assert.Equal(1, second.Outcomes.ExcludedPersonsByReason["flagged-by-kpi-job"]);

        // Day +2: the late batch commits below the cursor, the clicker shows an impression, p80-p99 are exposed, the KPI flag is gone.
        log.CommitLate(late, Event("late1", EventType.Click, T0.AddDays(1).AddHours(1), "x"));
        log.Append(Event("noimp", EventType.Impression, T0.AddDays(2), "n0"));
        for (var i = 80; i < 100; i++) Expose(ledger, humans[i], T0.AddDays(2).AddMinutes(i));
        foreach (var person in humans.Skip(60)) log.Append(Session(random, person, T0.AddDays(2).AddMinutes(random.Next(600)), 6));
        var third = await PassAndCompareAsync(pass, log, ledger, new HashSet<string>());
        Assert.False(third.Outcomes.ExcludedPersonsByReason.ContainsKey("clicks-without-impressions"));
        Assert.False(third.Outcomes.ExcludedPersonsByReason.ContainsKey("flagged-by-kpi-job"));
        Assert.Equal(1.0, third.Outcomes.Participants.Single(p => p.Totals[RatioMetric.DenominatorKey("ctr")] == 0 && p.Total("clicks") == 1).Total("clicks")); // late1's late click, once
        Assert.True(third.Outcomes.EventsBeforeExposure > 0 && third.Outcomes.Participants.Any(p => p.PreExposureDenominator > 0));
    }

    private static async Task<(PassStats Stats, LogOutcomes Outcomes)> PassAndCompareAsync(
        IncrementalOutcomePass pass, SequencedEventLog log, Dictionary<string, Participant> ledger, IReadOnlySet<string> kpiFlags)
    {
        var stats = await pass.RunAsync(log, pageEvents: 97, ledger);
        var incremental = pass.Measure.Finish(ledger, kpiFlags);
        var full = new LogOutcomeMeasure(Design, ledger, null, Traffic);
        foreach (var e in log.InSequenceOrder) full.Observe(e);
        var expected = full.Finish(kpiFlags);

        Assert.Equal((expected.EventsRead, expected.EventsCounted, expected.EventsBeforeExposure, expected.ExcludedPersons, expected.ExcludedEvents),
            (incremental.EventsRead, incremental.EventsCounted, incremental.EventsBeforeExposure, incremental.ExcludedPersons, incremental.ExcludedEvents));
        Assert.Equal(expected.ExcludedPersonsByReason.OrderBy(r => r.Key), incremental.ExcludedPersonsByReason.OrderBy(r => r.Key));
        Assert.Equal(expected.Participants.Count, incremental.Participants.Count);
        for (var i = 0; i < expected.Participants.Count; i++)
        {
            var (e, a) = (expected.Participants[i], incremental.Participants[i]);
            Assert.Equal((e.Arm, e.FirstExposure, e.PreExposure, e.PreExposureDenominator), (a.Arm, a.FirstExposure, a.PreExposure, a.PreExposureDenominator));
            Assert.Equal(e.Totals.OrderBy(t => t.Key), a.Totals.OrderBy(t => t.Key));
        }
        var analysis = new ExperimentAnalysis(Design);
        Assert.Equal(analysis.Analyze([.. expected.Participants]).Comparisons, analysis.Analyze([.. incremental.Participants]).Comparisons);
        return (stats, incremental);
    }

    [Fact]
    public async Task A_commit_later_than_the_reread_window_is_missed_until_a_full_pass()
    {
        var log = new SequencedEventLog();
        var ledger = new Dictionary<string, Participant>(StringComparer.Ordinal);
        Expose(ledger, "ann", T0);
        log.Append(Enumerable.Range(0, 5).Select(k => Event("ann", EventType.Click, T0.AddMinutes(k + 1), $"i{k}")));
        var late = log.Reserve();
        log.Append(Enumerable.Range(0, 20).Select(k => Event("bob", EventType.Impression, T0.AddMinutes(k + 1), $"j{k}")));
        var pass = IncrementalOutcomePass.Resume(null, Design, ledger, null, Traffic, out _, lateCommitWindow: 5);
        await pass.RunAsync(log, 10, ledger);
        Assert.Equal(26, pass.Cursor);
        log.CommitLate(late, Event("ann", EventType.Click, T0.AddMinutes(30), "late")); // 20 sequences behind the cursor: outside a window of 5
        await pass.RunAsync(log, 10, ledger);
        Assert.Equal(5, pass.Measure.Finish(ledger, new HashSet<string>()).EventsCounted);
        Assert.True(pass.AppliedInWindow <= 5);

        var rebuilt = IncrementalOutcomePass.Resume(null, Design, ledger, null, Traffic, out _);
        await rebuilt.RunAsync(log, 10, ledger);
        Assert.Equal(6, rebuilt.Measure.Finish(ledger, new HashSet<string>()).EventsCounted);
    }

    [Fact]
    public async Task A_stop_or_an_exposure_the_ledger_lost_starts_afresh()
    {
        var log = new SequencedEventLog();
        var ledger = new Dictionary<string, Participant>(StringComparer.Ordinal);
        Expose(ledger, "ann", T0);
        log.Append(Event("ann", EventType.Click, T0.AddMinutes(1), "i1"), Event("ann", EventType.Click, T0.AddDays(1), "i2"));
        var pass = IncrementalOutcomePass.Resume(null, Design, ledger, null, Traffic, out _);
        await pass.RunAsync(log, 10, ledger);
        Assert.Equal(2, pass.Measure.Finish(ledger, new HashSet<string>()).EventsCounted);
        var stored = pass.ToBytes();

        // Stopped at T0 + 1 h: the click a day later no longer counts, so the stored tallies cannot be taken up.
        var stopped = IncrementalOutcomePass.Resume(stored, Design, ledger, T0.AddHours(1), Traffic, out var fresh);
        Assert.True(fresh);
        await stopped.RunAsync(log, 10, ledger);
        Assert.Equal(1, stopped.Measure.Finish(ledger, new HashSet<string>()).EventsCounted);
        // A ledger snapshot lost in a crash: ann exposed again later is another exposure than the one tallied.
        var relogged = new Dictionary<string, Participant>(StringComparer.Ordinal);
        Expose(relogged, "ann", T0.AddHours(2));
        IncrementalOutcomePass.Resume(stored, Design, relogged, null, Traffic, out fresh);
        Assert.True(fresh);
        IncrementalOutcomePass.Resume(stored, Design, ledger, null, Traffic, out fresh);
        Assert.False(fresh);
        IncrementalOutcomePass.Resume(stored, Design, ledger, null, Traffic with { StormClicksPerItemHour = 30 }, out fresh); // other rules
        Assert.True(fresh);
    }

    [Fact]
    public async Task The_state_is_per_exposed_person_and_bounded()
    {
        // 3,000 people browse; 300 are exposed. The pass tracks exactly the 300; everyone else costs only a log sequence in the re-read window.
        var random = new Random(1);
        var log = new SequencedEventLog();
        var ledger = new Dictionary<string, Participant>(StringComparer.Ordinal);
        for (var i = 0; i < 3_000; i++) log.Append(Session(random, $"p{i}", T0.AddMinutes(random.Next(24 * 60)), 5));
        for (var i = 0; i < 300; i++) Expose(ledger, $"p{i * 10}", T0);
        const long window = 2_000;
        var pass = IncrementalOutcomePass.Resume(null, Design, ledger, null, Traffic, out _, window);
        await pass.RunAsync(log, 500, ledger);

        Assert.Equal(300, pass.Measure.TrackedPersons);
        Assert.Equal(window, pass.AppliedInWindow); // the log holds more than the window: only the window's sequences stay
        var bytes = pass.ToBytes().Length;
        // Per exposed person: id (~5 B), exposure 8, four counters 32, covariate 16, two counts ~2, the detector's activity
        // ~100 with its id: about 170 B; the window's sequences 1-3 B each.
        Assert.InRange(bytes, 300 * 120, 300 * 260 + 3 * window + 200);
    }
}
