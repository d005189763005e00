using System.Diagnostics;
using ContentGrains.Core.Kpis;

namespace ContentGrains.Core.Reports;

/// <summary>
/// Turns what the job counted into a report: the tables it releases first — the counted cube for an exact report, the
/// noisy tables a <see cref="PrivateRelease"/> chooses for a private one (so every figure, table, chart and finding after
/// that is computed from noisy sums) — then the rows with their intervals, the marginals (each from the coarsest table
/// that has its axis), the findings, and the sections. Experiments and headline tests are exact aggregates of their own grains, so a private
/// report leaves them out and says so.
/// </summary>
public sealed class ReportAssembler(NoiseSource noise, int maxRows = 500, long minCellImpressions = 50)
{
    public ContentReport Assemble(string id, DateTimeOffset createdAt, ReportRequest request, ReportCounts counts, ReportLabels labels, ReportInputs inputs)
    {
        var clock = Stopwatch.StartNew();
        var release = request.IsPrivate
            ? PrivateRelease.Make(counts.Cube.Cells, (counts.Coarse ?? throw new ArgumentException("a private report needs its coarse tables counted", nameof(counts)))
                .ToDictionary(c => c.Key, c => c.Value.Cells, StringComparer.Ordinal), counts.Cube.PeoplePerSegment, request, noise, counts.Cube.MaxCells)
            : null;
        var tables = release?.Tables ?? [new ReleasedTable(ReleasedTable.Cube, CellKey.Axes, counts.Cube.Cells, null)];
        var intervals = new TallyIntervals(request.Confidence, null);
        var (findings, method) = new FindingsFinder(minImpressions: request.MinImpressions).Find(tables);
        var people = release?.People ?? counts.Cube.PeoplePerSegment.ToDictionary(kv => kv.Key, kv => (double)kv.Value, StringComparer.Ordinal);
        var notes = Notes(release, labels, counts);
        return new ContentReport(id, createdAt, request.From, request.To, labels.TopicSource,
            release is null ? null : new ReportPrivacy(request.Epsilon!.Value, request.Mechanism, request.DeltaSpent, release.Measures,
                PrivacyStatement(request, release)),
            Performance(tables, counts, request),
            findings, method,
            release is null ? WithArmEvents(inputs.Experiments, counts, intervals) : null,
            release is null ? inputs.Bandits : null,
            inputs.Sentiment,
            new SegmentsSection(inputs.SegmentModelVersion, inputs.SegmentSource, SegmentSummaries(tables, people, request)),
            notes, Math.Round(counts.Seconds + clock.Elapsed.TotalSeconds, 3));
    }

    /// <summary>Rows of every released table (largest first), and each axis's marginals from the coarsest table that has it.</summary>
    private PerformanceSection Performance(IReadOnlyList<ReleasedTable> tables, ReportCounts counts, ReportRequest request)
    {
        var isPrivate = request.IsPrivate;
        var rows = tables.SelectMany(t => t.Cells.Where(c => c.Key != CellKey.Folded).Select(c => (c.Key, c.Value, Intervals: new TallyIntervals(request.Confidence, t.Plan)))).ToList();
        var coarsest = tables.OrderBy(t => t.Axes.Count).First();
        var overall = Row(new Dictionary<string, string> { ["all"] = "all" }, CellTally.Sum(coarsest.Cells.Values), new TallyIntervals(request.Confidence, coarsest.Plan));
        var ordered = rows.OrderByDescending(c => c.Value.Impressions)
            .ThenBy(c => string.Join("|", CellKey.Axes.Select(c.Key.Value)), StringComparer.Ordinal).ToList();
        var shown = ordered.Where(c => TallyIntervals.Count(c.Value.Impressions) >= minCellImpressions).Take(maxRows).ToList();
        var shownKeys = shown.Select(s => s.Key).ToHashSet();
        var small = tables.Count == 1 ? tables[0].Cells.Where(c => !shownKeys.Contains(c.Key)).ToList() : []; // a private report's tables overlap: no fold
        var byAxis = CellKey.Axes.ToDictionary(a => a, a => Marginals(ReleasedTable.Coarsest(tables, [a])!, a, request.Confidence), StringComparer.Ordinal);
        var c = counts.Cube;
        return new PerformanceSection(request.Confidence, ProportionInterval.Method + (isPrivate ? "+noise" : ""), MeanInterval.Method + (isPrivate ? "+noise" : ""),
            "UTC", c.MaxCells, minCellImpressions, maxRows, c.Bounds.IsNone ? null : c.Bounds, overall,
            shown.Select(s => Row(Keys(s.Key), s.Value, s.Intervals)).ToList(),
            small.Count == 0 ? null : Row(new Dictionary<string, string> { ["cells"] = $"{small.Count} small cells" }, CellTally.Sum(small.Select(s => s.Value)),
                new TallyIntervals(request.Confidence, tables[0].Plan)),
            tables.Sum(t => t.Cells.Count), byAxis,
            isPrivate ? null : c.FoldedEvents, isPrivate ? null : c.ClippedEvents, isPrivate ? null : c.People, counts.EventsRead,
            isPrivate ? null : counts.Excluded);
    }

    private static IReadOnlyList<PerformanceRow> Marginals(ReleasedTable table, string axis, double confidence)
    {
        var intervals = new TallyIntervals(confidence, table.Plan);
        return table.Cells.GroupBy(c => c.Key.Value(axis), StringComparer.Ordinal)
            .Select(g => Row(new Dictionary<string, string> { [axis] = g.Key }, CellTally.Sum(g.Select(c => c.Value)), intervals))
            .OrderBy(r => axis == "hour" ? r.Keys[axis] : "", StringComparer.Ordinal).ThenByDescending(r => r.Impressions).ToList();
    }

    private static Dictionary<string, string> Keys(CellKey key) => CellKey.Axes.ToDictionary(a => a, key.Value, StringComparer.Ordinal);

    public static PerformanceRow Row(IReadOnlyDictionary<string, string> keys, CellTally t, TallyIntervals intervals) => new(
        keys, TallyIntervals.Count(t.Impressions), TallyIntervals.Count(t.Clicks), intervals.Ctr(t), intervals.Dwell(t), intervals.Day1(t), intervals.Day7(t));

    private static IReadOnlyList<SegmentSummary> SegmentSummaries(IReadOnlyList<ReleasedTable> tables, IReadOnlyDictionary<string, double> people, ReportRequest request)
    {
        var total = Math.Max(1, people.Values.Sum(p => Math.Max(0, p)));
        return people.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
        {
            var top = new[] { "topic", "format", "channel", "hour" }.ToDictionary(a => a, a => Tops(Own(tables, [a], p.Key), c => c.Key.Value(a), 5), StringComparer.Ordinal);
            var byChannel = Own(tables, ["channel", "hour"], p.Key).GroupBy(c => c.Key.Channel, StringComparer.Ordinal)
                .Where(g => g.Key is not (CellKey.Unknown or CellKey.Other))
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Tops(g.ToList(), c => c.Key.Value("hour"), 1).FirstOrDefault(), StringComparer.Ordinal)
                .Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
            return new SegmentSummary(p.Key, TallyIntervals.Count(p.Value), Math.Round(Math.Max(0, p.Value) / total, 4), top, byChannel,
                WinningTopic(tables, p.Key, request));
        }).ToList();
    }

    /// <summary>
    /// The segment's topic whose CTR is surely highest: the largest lower interval bound among topics with at least the
    /// request's minimum impressions. Ranking by the lower bound keeps a small, noisy cell with a lucky rate from winning;
    /// when no topic's bound is above zero (noise swamps them all) there is no winner (null).
    /// </summary>
    private static SegmentTop? WinningTopic(IReadOnlyList<ReleasedTable> tables, string segment, ReportRequest request)
    {
        if (ReleasedTable.Coarsest(tables, ["topic", "segment"]) is not { } table) return null;
        var intervals = new TallyIntervals(request.Confidence, table.Plan);
        var own = table.Cells.Where(c => c.Key.Segment == segment).ToList();
        var impressions = Math.Max(1, own.Sum(c => Math.Max(0, c.Value.Impressions)));
        return own.GroupBy(c => c.Key.Topic, StringComparer.Ordinal)
            .Where(g => g.Key is not (CellKey.Unknown or CellKey.Other))
            .Select(g => (Topic: g.Key, Tally: CellTally.Sum(g.Select(c => c.Value))))
            .Where(g => TallyIntervals.Count(g.Tally.Impressions) >= request.MinImpressions)
            .Select(g => (g.Topic, g.Tally, Ctr: intervals.Ctr(g.Tally)))
            .Where(g => g.Ctr is { Low: > 0 })
            .OrderByDescending(g => g.Ctr!.Low).ThenBy(g => g.Topic, StringComparer.Ordinal)
            .Select(g => new SegmentTop(g.Topic, Math.Round(Math.Max(0, g.Tally.Impressions) / impressions, 4), Math.Round(g.Ctr!.Value, 5)))
            .FirstOrDefault();
    }

    /// <summary>A segment's cells in the coarsest table that has <paramref name="axes"/> (and the segment).</summary>
    private static List<KeyValuePair<CellKey, CellTally>> Own(IReadOnlyList<ReleasedTable> tables, string[] axes, string segment) =>
        ReleasedTable.Coarsest(tables, [.. axes, "segment"]) is { } table ? table.Cells.Where(c => c.Key.Segment == segment).ToList() : [];

    /// <summary>The <paramref name="count"/> largest groups of <paramref name="cells"/> by impressions, each with its share of them and its CTR.</summary>
    private static IReadOnlyList<SegmentTop> Tops(List<KeyValuePair<CellKey, CellTally>> cells, Func<KeyValuePair<CellKey, CellTally>, string> key, int count)
    {
        var impressions = Math.Max(1, cells.Sum(c => Math.Max(0, c.Value.Impressions)));
        return cells.GroupBy(key, StringComparer.Ordinal)
            .Select(g => (g.Key, Tally: CellTally.Sum(g.Select(c => c.Value))))
            .OrderByDescending(g => g.Tally.Impressions).Take(count)
            .Select(g => new SegmentTop(g.Key, Math.Round(Math.Max(0, g.Tally.Impressions) / impressions, 4),
                g.Tally.Impressions >= 1 ? Math.Round(Math.Clamp(g.Tally.Clicks / g.Tally.Impressions, 0, 1), 5) : null))
            .ToList();
    }

    private static IReadOnlyList<ExperimentSummary> WithArmEvents(IReadOnlyList<ExperimentSummary> experiments, ReportCounts counts, TallyIntervals intervals) =>
        experiments.Select(x => x with
        {
            Arms = x.Arms.Select(a => counts.Arms.TryGetValue((x.Id, a.Arm), out var t)
                ? a with { Impressions = t.Impressions, Clicks = t.Clicks, EventCtr = t.Ctr(intervals.Confidence) }
                : a).ToList(),
        }).ToList();

    private static List<string> PrivacyStatement(ReportRequest request, PrivateRelease release)
    {
        var b = request.Bounds;
        return
        [
            $"{(request.Mechanism == PrivacyPlan.Laplace ? $"ε = {request.Epsilon:0.###}-differential privacy (Laplace)" : $"(ε = {request.Epsilon:0.###}, δ = {request.Delta:G3})-differential privacy (Gaussian)")} for each person's events in the window, by sequential composition over the measures below (their shares add up to ε).",
            $"Each person adds to at most {b.MaxCellsPerPerson} cells, with at most {b.MaxImpressionsPerCell} impressions, {b.MaxClicksPerCell} clicks and {b.MaxDwellsPerCell} dwell values (each ≤ {b.MaxDwellSeconds} s) per cell; the rest of their events are left out.",
            $"Released tables: {string.Join(", ", release.Tables.Select(t => t.Name))}; {release.Reason}. Each table is the same clipped counts summed to its axes, with its own noise on every cell.",
            "Noise is added to every cell of a table's domain (every combination of the axis values seen), including empty ones; axis values themselves (topic names, formats, channels, segment numbers) are treated as public.",
            "Rates, intervals, marginals, findings and charts are computed from the noisy sums (post-processing costs no privacy), each from the coarsest table that has its axes; intervals include the noise.",
            "Experiments and headline tests are exact aggregates of their grains and are left out of private reports; so are the counts of clipped, folded and non-human events.",
        ];
    }

    private static List<string> Notes(PrivateRelease? release, ReportLabels labels, ReportCounts counts)
    {
        var notes = new List<string> { "Hours are UTC hours of day (people's time zones are not in the event log)." };
        if (labels.TopicSource == "first-tag") notes.Add("Topic is each item's first tag: no topic model was fitted yet (POST /v1/topics/fit).");
        if (release is null && counts.Cube.FoldedEvents > 0) notes.Add($"{counts.Cube.FoldedEvents} events fell in cells past the bound of {counts.Cube.MaxCells} cells and are folded into '(other)'.");
        if (release is { CubeReleased: false }) notes.Add($"Private report: {release.Reason}.");
        return notes;
    }
}
