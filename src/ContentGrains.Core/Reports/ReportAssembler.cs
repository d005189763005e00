using System.Diagnostics;
using ContentGrains.Core.Kpis;

namespace ContentGrains.Core.Reports;

/// <summary>
/// Turns what the job counted into a report: noises the cube first when the report is private (so every figure,
/// table, chart and finding after that is computed from noisy sums), then the rows with their intervals, the marginals,
/// the findings, and the sections. Experiments and headline tests are exact aggregates of their own grains, so a private
/// report leaves them out and says so.
/// </summary>
public sealed class ReportAssembler(NoiseSource noise, int maxRows = 500, long minCellImpressions = 50)
{
    public ContentReport Assemble(string id, DateTimeOffset createdAt, ReportRequest request, ReportCounts counts, ReportLabels labels, ReportInputs inputs)
    {
        var clock = Stopwatch.StartNew();
        var plan = request.Epsilon is { } epsilon ? PrivacyPlan.For(epsilon, request.Mechanism, request.Delta, request.Bounds) : null;
        var cells = plan is null ? counts.Cube.Cells : CubeNoise.Apply(counts.Cube.Cells, plan, noise, counts.Cube.MaxCells);
        var intervals = new TallyIntervals(request.Confidence, plan);
        var (findings, method) = new FindingsFinder(minImpressions: request.MinImpressions, privacy: plan).Find(cells);
        var people = plan is null
            ? counts.Cube.PeoplePerSegment.ToDictionary(kv => kv.Key, kv => (double)kv.Value, StringComparer.Ordinal)
            : NoisyPeople(cells.Keys, counts.Cube.PeoplePerSegment, plan);
        var notes = Notes(plan, labels, counts);
        return new ContentReport(id, createdAt, request.From, request.To, labels.TopicSource,
            plan is null ? null : new ReportPrivacy(plan.Epsilon, plan.Mechanism, plan.Delta, plan.Measures, PrivacyStatement(plan, request.Bounds)),
            Performance(cells, counts, intervals, request, plan is not null),
            findings, method,
            plan is null ? WithArmEvents(inputs.Experiments, counts, intervals) : null,
            plan is null ? inputs.Bandits : null,
            inputs.Sentiment,
            new SegmentsSection(inputs.SegmentModelVersion, inputs.SegmentSource, SegmentSummaries(cells, people)),
            notes, Math.Round(counts.Seconds + clock.Elapsed.TotalSeconds, 3));
    }

    private PerformanceSection Performance(IReadOnlyDictionary<CellKey, CellTally> cells, ReportCounts counts, TallyIntervals intervals, ReportRequest request, bool isPrivate)
    {
        var overall = Row(new Dictionary<string, string> { ["all"] = "all" }, CellTally.Sum(cells.Values), intervals);
        var ordered = cells.Where(c => c.Key != CellKey.Folded).OrderByDescending(c => c.Value.Impressions)
            .ThenBy(c => string.Join("|", CellKey.Axes.Select(c.Key.Value)), StringComparer.Ordinal).ToList();
        var shown = ordered.Where(c => TallyIntervals.Count(c.Value.Impressions) >= minCellImpressions).Take(maxRows).ToList();
        var small = cells.Except(shown).ToList();
        var byAxis = CellKey.Axes.ToDictionary(a => a, a => (IReadOnlyList<PerformanceRow>)cells
            .GroupBy(c => c.Key.Value(a), StringComparer.Ordinal)
            .Select(g => Row(new Dictionary<string, string> { [a] = g.Key }, CellTally.Sum(g.Select(c => c.Value)), intervals))
            .OrderBy(r => a == "hour" ? r.Keys[a] : "", StringComparer.Ordinal).ThenByDescending(r => r.Impressions).ToList(), StringComparer.Ordinal);
        var c = counts.Cube;
        return new PerformanceSection(request.Confidence, ProportionInterval.Method + (isPrivate ? "+noise" : ""), MeanInterval.Method + (isPrivate ? "+noise" : ""),
            "UTC", c.MaxCells, minCellImpressions, maxRows, c.Bounds.IsNone ? null : c.Bounds, overall,
            shown.Select(s => Row(Keys(s.Key), s.Value, intervals)).ToList(),
            small.Count == 0 ? null : Row(new Dictionary<string, string> { ["cells"] = $"{small.Count} small cells" }, CellTally.Sum(small.Select(s => s.Value)), intervals),
            cells.Count, byAxis,
            isPrivate ? null : c.FoldedEvents, isPrivate ? null : c.ClippedEvents, isPrivate ? null : c.People, counts.EventsRead,
            isPrivate ? null : counts.Excluded);
    }

    private static Dictionary<string, string> Keys(CellKey key) => CellKey.Axes.ToDictionary(a => a, key.Value, StringComparer.Ordinal);

    public static PerformanceRow Row(IReadOnlyDictionary<string, string> keys, CellTally t, TallyIntervals intervals) => new(
        keys, TallyIntervals.Count(t.Impressions), TallyIntervals.Count(t.Clicks), intervals.Ctr(t), intervals.Dwell(t), intervals.Day1(t), intervals.Day7(t));

    private Dictionary<string, double> NoisyPeople(IEnumerable<CellKey> keys, IReadOnlyDictionary<string, long> exact, PrivacyPlan plan) =>
        keys.Select(k => k.Segment).Distinct(StringComparer.Ordinal)
            .ToDictionary(s => s, s => exact.GetValueOrDefault(s) + plan.Draw(noise, "segmentPeople"), StringComparer.Ordinal);

    private static IReadOnlyList<SegmentSummary> SegmentSummaries(IReadOnlyDictionary<CellKey, CellTally> cells, IReadOnlyDictionary<string, double> people)
    {
        var total = Math.Max(1, people.Values.Sum(p => Math.Max(0, p)));
        return people.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
        {
            var own = cells.Where(c => c.Key.Segment == p.Key).ToList();
            var impressions = Math.Max(1, own.Sum(c => Math.Max(0, c.Value.Impressions)));
            var top = new[] { "topic", "format", "channel", "hour" }.ToDictionary(a => a, a => (IReadOnlyList<SegmentTop>)own
                .GroupBy(c => c.Key.Value(a), StringComparer.Ordinal)
                .Select(g => (g.Key, Tally: CellTally.Sum(g.Select(c => c.Value))))
                .OrderByDescending(g => g.Tally.Impressions).Take(5)
                .Select(g => new SegmentTop(g.Key, Math.Round(Math.Max(0, g.Tally.Impressions) / impressions, 4),
                    g.Tally.Impressions >= 1 ? Math.Round(Math.Clamp(g.Tally.Clicks / g.Tally.Impressions, 0, 1), 5) : null))
                .ToList(), StringComparer.Ordinal);
            return new SegmentSummary(p.Key, TallyIntervals.Count(p.Value), Math.Round(Math.Max(0, p.Value) / total, 4), top);
        }).ToList();
    }

    private static IReadOnlyList<ExperimentSummary> WithArmEvents(IReadOnlyList<ExperimentSummary> experiments, ReportCounts counts, TallyIntervals intervals) =>
        experiments.Select(x => x with
        {
            Arms = x.Arms.Select(a => counts.Arms.TryGetValue((x.Id, a.Arm), out var t)
                ? a with { Impressions = t.Impressions, Clicks = t.Clicks, EventCtr = t.Ctr(intervals.Confidence) }
                : a).ToList(),
        }).ToList();

    private static List<string> PrivacyStatement(PrivacyPlan plan, ContributionBounds b) =>
    [
        $"{(plan.Mechanism == PrivacyPlan.Laplace ? $"ε = {plan.Epsilon:0.###}-differential privacy (Laplace)" : $"(ε = {plan.Epsilon:0.###}, δ = {plan.Delta:G3})-differential privacy (Gaussian)")} for each person's events in the window, by sequential composition over the measures below.",
        $"Each person adds to at most {b.MaxCellsPerPerson} cells, with at most {b.MaxImpressionsPerCell} impressions, {b.MaxClicksPerCell} clicks and {b.MaxDwellsPerCell} dwell values (each ≤ {b.MaxDwellSeconds} s) per cell; the rest of their events are left out.",
        "Noise is added to every cell of the domain (every combination of the axis values seen), including empty ones; axis values themselves (topic names, formats, channels, segment numbers) are treated as public.",
        "Rates, intervals, marginals, findings and charts are computed from the noisy sums (post-processing costs no privacy); intervals include the noise.",
        "Experiments and headline tests are exact aggregates of their grains and are left out of private reports; so are the counts of clipped, folded and non-human events.",
    ];

    private static List<string> Notes(PrivacyPlan? plan, ReportLabels labels, ReportCounts counts)
    {
        var notes = new List<string> { "Hours are UTC hours of day (people's time zones are not in the event log)." };
        if (labels.TopicSource == "first-tag") notes.Add("Topic is each item's first tag: no topic model was fitted yet (POST /v1/topics/fit).");
        if (plan is null && counts.Cube.FoldedEvents > 0) notes.Add($"{counts.Cube.FoldedEvents} events fell in cells past the bound of {counts.Cube.MaxCells} cells and are folded into '(other)'.");
        return notes;
    }
}
