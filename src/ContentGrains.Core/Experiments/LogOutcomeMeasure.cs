using System.Globalization;
using ContentGrains.Core.Events;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Core.Experiments;

/// <summary>
/// Measures an experiment's metrics that come from the event log (<see cref="EventMetric"/>, and both sums of a
/// <see cref="RatioMetric"/>), one event at a time, for the persons it tracks (the exposed persons, each with their first
/// exposure). A person's event counts toward a metric when it lies at or after their first exposure (and before the
/// stop); an earlier one is not an effect of the arm: it is counted apart (<see cref="LogOutcomes.EventsBeforeExposure"/>)
/// and, within <see cref="ExperimentDesign.PreExposureDays"/> before the exposure, adds to the person's CUPED covariate (the
/// primary metric's pre-exposure value; for a ratio its numerator and denominator). Non-human traffic is left out as the
/// KPIs leave it out: the tracked persons' events are judged by the same <see cref="TrafficDetector"/> rules, and persons
/// flagged there or by the latest KPI computation are dropped whole and counted.
/// <para>
/// Nothing is summed across persons here: each person keeps their own tally, and <see cref="Finish"/> forms the analysis
/// from the persons not flagged <em>at that moment</em>. That is what lets <see cref="IncrementalOutcomePass"/> go on
/// observing after a finish: a person flagged later (a bot's storm arrives after their clicks were counted, or the KPI
/// job flags them) simply drops out of the next finish, whole, as a full pass would leave them out; nothing is subtracted.
/// </para>
/// Memory (and, written by <see cref="Write"/>, storage): per tracked person their id, exposure time, a double per counter
/// (one per event metric, two per ratio), the covariate and two counts (~60 bytes + 8 per counter), plus the detector's
/// activity (~100 bytes written, ~200 in memory, and the current hour's clicked items while they click).
/// </summary>
public sealed class LogOutcomeMeasure
{
    private const int FormatVersion = 1;
    private readonly IReadOnlyDictionary<string, Participant>? participants;
    private readonly DateTimeOffset? stoppedAt;
    private readonly (string Key, EventMetric Events)[] counters;
    private readonly EventMetric? preNumerator, preDenominator;
    private readonly TimeSpan preWindow;
    private readonly TrafficOptions traffic;
    private TrafficDetector detector;
    private readonly Dictionary<string, PersonTally> tallies = new(StringComparer.Ordinal);

    private sealed class PersonTally(DateTimeOffset firstExposure, int counters)
    {
        public readonly DateTimeOffset FirstExposure = firstExposure;
        public readonly double[] Totals = new double[counters];
        public double Pre, PreDenominator;
        public long Counted, Before;
    }

    /// <summary>A measure that tracks nobody yet (<see cref="Track"/> adds the exposed persons).</summary>
    public LogOutcomeMeasure(ExperimentDesign design, DateTimeOffset? stoppedAt, TrafficOptions traffic)
    {
        this.stoppedAt = stoppedAt;
        this.traffic = traffic;
        counters = design.Metrics.SelectMany(Counters).ToArray();
        (preNumerator, preDenominator) = design.Primary switch
        {
            { Ratio: { } ratio } => (ratio.Numerator, ratio.Denominator),
            { Events: { } events } => (events, null),
            _ => ((EventMetric?)null, (EventMetric?)null),
        };
        preWindow = TimeSpan.FromDays(design.PreExposureDays);
        detector = new TrafficDetector(traffic);
    }

    /// <summary>A full pass's measure: tracks every participant; <see cref="Finish(IReadOnlySet{string})"/> analyses them.</summary>
    public LogOutcomeMeasure(ExperimentDesign design, IReadOnlyDictionary<string, Participant> participants, DateTimeOffset? stoppedAt, TrafficOptions traffic)
        : this(design, stoppedAt, traffic)
    {
        this.participants = participants;
        foreach (var (person, participant) in participants) Track(person, participant.FirstExposure);
    }

    /// <summary>Events taken into the measure (each once: a person's history read when they are tracked late is not counted again).</summary>
    public long EventsRead { get; private set; }

    public int TrackedPersons => tallies.Count;

    public DateTimeOffset? StoppedAt => stoppedAt;

    /// <summary>True when the person is tracked with this first exposure.</summary>
    public bool Tracks(string person, DateTimeOffset firstExposure) => tallies.TryGetValue(person, out var t) && t.FirstExposure == firstExposure;

    /// <summary>The persons tracked, with the first exposure each was tracked with.</summary>
    public IEnumerable<(string Person, DateTimeOffset FirstExposure)> Tracked => tallies.Select(t => (t.Key, t.Value.FirstExposure));

    /// <summary>Starts tracking an exposed person: their events observed from now on count.</summary>
    public void Track(string person, DateTimeOffset firstExposure) => tallies.TryAdd(person, new PersonTally(firstExposure, counters.Length));

    /// <summary>Takes one event of the log; events of persons not tracked are passed over.</summary>
    public void Observe(Interaction e)
    {
        EventsRead++;
        ObserveHistory(e);
    }

    /// <summary>Takes an event already counted in <see cref="EventsRead"/>: one of a person's history, read when they are tracked late.</summary>
    public void ObserveHistory(Interaction e)
    {
        if (!tallies.TryGetValue(e.UserId, out var tally)) return;
        detector.Observe(e);
        if (e.Timestamp >= tally.FirstExposure)
        {
            if (stoppedAt is { } stop && e.Timestamp >= stop) return;
            if (Add(tally.Totals, e)) tally.Counted++;
            return;
        }
        if (!counters.Any(c => c.Events.Matches(e))) return;
        tally.Before++;
        if (e.Timestamp < tally.FirstExposure - preWindow) return;
        if (preNumerator?.Matches(e) == true) tally.Pre += preNumerator.ValueOf(e);
        if (preDenominator?.Matches(e) == true) tally.PreDenominator += preDenominator.ValueOf(e);
    }

    /// <summary>The analysis of the participants given at construction (a full pass).</summary>
    public LogOutcomes Finish(IReadOnlySet<string> flaggedByKpis) =>
        Finish(participants ?? throw new InvalidOperationException("this measure was built without participants"), flaggedByKpis);

    /// <summary>
    /// The persons to analyse (copies: posted totals kept, measured totals added, the covariate from the log when the primary
    /// metric is measured from it) without the persons flagged now, and what was counted and left out. Leaves the measure
    /// as it is, so more events may follow.
    /// </summary>
    public LogOutcomes Finish(IReadOnlyDictionary<string, Participant> exposed, IReadOnlySet<string> flaggedByKpis)
    {
        var flags = detector.FlagsSoFar();
        var humans = new List<Participant>(exposed.Count);
        var byReason = new Dictionary<string, long>(StringComparer.Ordinal);
        long excludedPersons = 0, excludedEvents = 0, counted = 0, before = 0;
        foreach (var (person, participant) in exposed)
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

    private static IEnumerable<(string, EventMetric)> Counters(MetricDefinition metric)
    {
        if (metric.Events is { } events) yield return (metric.Name, events);
        if (metric.Ratio is not { } ratio) yield break;
        yield return (metric.Name, ratio.Numerator);
        yield return (RatioMetric.DenominatorKey(metric.Name), ratio.Denominator);
    }

    private bool Add(double[] totals, Interaction e)
    {
        var matched = false;
        for (var i = 0; i < counters.Length; i++)
        {
            if (!counters[i].Events.Matches(e)) continue;
            totals[i] += counters[i].Events.ValueOf(e);
            matched = true;
        }
        return matched;
    }

    private Participant Measured(Participant posted, PersonTally? tally)
    {
        var totals = new Dictionary<string, double>(posted.Totals, StringComparer.Ordinal);
        for (var i = 0; i < counters.Length; i++) totals[counters[i].Key] = tally?.Totals[i] ?? 0;
        var fromLog = preNumerator is not null;
        return new Participant
        {
            Arm = posted.Arm, FirstExposure = posted.FirstExposure, Exposures = posted.Exposures, Totals = totals,
            PreExposure = fromLog ? tally?.Pre ?? 0 : posted.PreExposure,
            PreExposureDenominator = preDenominator is not null ? tally?.PreDenominator ?? 0 : null,
        };
    }

    /// <summary>
    /// What this measure is, as text: the counters, the stop, the pre-exposure window and the traffic rules. A stored measure
    /// is only taken up again by a measure with the same fingerprint (else its counts would mean something else).
    /// </summary>
    private string Fingerprint() => string.Join(';', counters.Select(c =>
            $"{c.Key}:{string.Join(',', c.Events.Types)}:{c.Events.MinDwellSeconds?.ToString("R", CultureInfo.InvariantCulture)}:{c.Events.Value}"))
        + $"|{stoppedAt?.UtcTicks}|{preWindow.Ticks}|{preNumerator is not null}|{preDenominator is not null}|{traffic}";

    /// <summary>Writes every tally, the detector and the events read (see the class's memory note for the size).</summary>
    public void Write(BinaryWriter w)
    {
        w.Write(FormatVersion);
        w.Write(Fingerprint());
        w.Write(EventsRead);
        w.Write(tallies.Count);
        foreach (var (person, t) in tallies)
        {
            w.Write(person); w.Write(t.FirstExposure.UtcTicks);
            foreach (var total in t.Totals) w.Write(total);
            w.Write(t.Pre); w.Write(t.PreDenominator); w.Write7BitEncodedInt64(t.Counted); w.Write7BitEncodedInt64(t.Before);
        }
        detector.Write(w);
    }

    /// <summary>Reads what <see cref="Write"/> wrote into this fresh measure; false (and nothing read) when it was written for another measure.</summary>
    public bool TryRead(BinaryReader r)
    {
        if (tallies.Count > 0 || EventsRead > 0) throw new InvalidOperationException("read into a fresh measure only");
        if (r.ReadInt32() != FormatVersion || r.ReadString() != Fingerprint()) return false;
        EventsRead = r.ReadInt64();
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var person = r.ReadString();
            var t = new PersonTally(new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero), counters.Length);
            for (var i = 0; i < counters.Length; i++) t.Totals[i] = r.ReadDouble();
            (t.Pre, t.PreDenominator, t.Counted, t.Before) = (r.ReadDouble(), r.ReadDouble(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64());
            tallies[person] = t;
        }
        detector = TrafficDetector.Read(r, traffic);
        return true;
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
