using ContentGrains.Core.Events;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Experiments;

/// <summary>
/// Measures an experiment's event-derived metrics (<see cref="EventMetric"/>) from the event log, one event at a time in
/// log order, for the persons of its exposure log. A person's event counts toward a metric when it lies at or after
/// their first exposure (and before the stop); an earlier one is not an effect of the arm: it is counted apart
/// (<see cref="LogOutcomes.EventsBeforeExposure"/>) and, within <see cref="ExperimentDesign.PreExposureDays"/> before
/// the exposure, adds to the person's CUPED covariate (the primary metric's pre-exposure value). Non-human traffic is
/// left out as the KPIs leave it out: the exposed persons' events are judged by the same <see cref="TrafficDetector"/>
/// rules, and persons flagged here or by the latest KPI computation are dropped whole and counted.
/// Memory: per exposed person a tally (a double per event metric) and the detector's activity (~200 bytes).
/// </summary>
public sealed class LogOutcomeMeasure
{
    private readonly IReadOnlyDictionary<string, Participant> participants;
    private readonly DateTimeOffset? stoppedAt;
    private readonly (int Index, MetricDefinition Metric)[] eventMetrics;
    private readonly int primaryIndex;
    private readonly TimeSpan preWindow;
    private readonly TrafficDetector detector;
    private readonly Dictionary<string, PersonTally> tallies = new(StringComparer.Ordinal);

    private sealed class PersonTally(int metrics)
    {
        public readonly double[] Totals = new double[metrics];
        public double Pre;
        public long Counted, Before;
    }

    public LogOutcomeMeasure(ExperimentDesign design, IReadOnlyDictionary<string, Participant> participants, DateTimeOffset? stoppedAt, TrafficOptions traffic)
    {
        this.participants = participants;
        this.stoppedAt = stoppedAt;
        eventMetrics = design.Metrics.Select((m, i) => (i, m)).Where(x => x.m.Events is not null).ToArray();
        primaryIndex = Array.FindIndex(eventMetrics, x => ReferenceEquals(x.Metric, design.Primary));
        preWindow = TimeSpan.FromDays(design.PreExposureDays);
        detector = new TrafficDetector(traffic);
    }

    public long EventsRead { get; private set; }

    /// <summary>Takes one event of the log; events of persons never exposed are passed over.</summary>
    public void Observe(Interaction e)
    {
        EventsRead++;
        if (!participants.TryGetValue(e.UserId, out var participant)) return;
        detector.Observe(e);
        if (!tallies.TryGetValue(e.UserId, out var tally)) tallies[e.UserId] = tally = new PersonTally(eventMetrics.Length);
        if (e.Timestamp >= participant.FirstExposure)
        {
            if (stoppedAt is { } stop && e.Timestamp >= stop) return;
            if (Add(tally.Totals, e)) tally.Counted++;
            return;
        }
        if (!eventMetrics.Any(x => x.Metric.Events!.Matches(e))) return;
        tally.Before++;
        if (primaryIndex >= 0 && e.Timestamp >= participant.FirstExposure - preWindow && eventMetrics[primaryIndex].Metric.Events!.Matches(e))
            tally.Pre += eventMetrics[primaryIndex].Metric.Events!.ValueOf(e);
    }

    /// <summary>
    /// The persons to analyse (copies: posted totals kept, event totals added, the covariate from the log when the primary
    /// metric is event-derived) without the non-human ones, and what was counted and left out. Call once, after the last event.
    /// </summary>
    public LogOutcomes Finish(IReadOnlySet<string> flaggedByKpis)
    {
        var flags = detector.Finish();
        var humans = new List<Participant>(participants.Count);
        var byReason = new Dictionary<string, long>(StringComparer.Ordinal);
        long excludedPersons = 0, excludedEvents = 0, counted = 0, before = 0;
        foreach (var (person, participant) in participants)
        {
            var tally = tallies.GetValueOrDefault(person);
            if (flags.TryGetValue(person, out var flag) || flaggedByKpis.Contains(person))
            {
                excludedPersons++;
                excludedEvents += tally?.Counted ?? 0;
                var reason = flag?.Reason.Name() ?? "flagged-by-kpi-job";
                byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
                continue;
            }
            counted += tally?.Counted ?? 0;
            before += tally?.Before ?? 0;
            humans.Add(Measured(participant, tally));
        }
        return new LogOutcomes(humans, EventsRead, counted, before, excludedPersons, excludedEvents, byReason);
    }

    private bool Add(double[] totals, Interaction e)
    {
        var matched = false;
        for (var i = 0; i < eventMetrics.Length; i++)
        {
            var metric = eventMetrics[i].Metric.Events!;
            if (!metric.Matches(e)) continue;
            totals[i] += metric.ValueOf(e);
            matched = true;
        }
        return matched;
    }

    private Participant Measured(Participant posted, PersonTally? tally)
    {
        var totals = new Dictionary<string, double>(posted.Totals, StringComparer.Ordinal);
        for (var i = 0; i < eventMetrics.Length; i++) totals[eventMetrics[i].Metric.Name] = tally?.Totals[i] ?? 0;
        return new Participant
        {
            Arm = posted.Arm, FirstExposure = posted.FirstExposure, Exposures = posted.Exposures, Totals = totals,
            PreExposure = primaryIndex >= 0 ? tally?.Pre ?? 0 : posted.PreExposure,
        };
    }
}

/// <summary>
/// What <see cref="LogOutcomeMeasure"/> found: the human participants with their measured totals, the events read, the
/// events counted as outcomes, the matching events before a person's exposure (not outcomes), and the persons and their
/// outcome events left out as non-human, per reason.
/// </summary>
public sealed record LogOutcomes(
    IReadOnlyList<Participant> Participants,
    long EventsRead,
    long EventsCounted,
    long EventsBeforeExposure,
    long ExcludedPersons,
    long ExcludedEvents,
    IReadOnlyDictionary<string, long> ExcludedPersonsByReason);
