using System.Globalization;
using ContentGrains.Core.Kpis;

namespace ContentGrains.Core.Reports;

/// <summary>
/// Findings computed from the cube, only where the numbers carry them. Within each segment (and for everyone), for
/// each grouping of cells (by topic, format, channel or hour alone, by format × channel × hour, and by topic ×
/// channel), each group is compared with the rest of the segment on CTR and on mean dwell. Every comparison with enough
/// traffic on both sides counts towards m, and a finding is stated only when the group's interval and the rest's
/// interval at 1 − α/m (Bonferroni: the chance of any false finding in the report stays below α) do not overlap. With
/// private reports the intervals include the privacy noise, so a noisy cube yields fewer findings, never invented ones.
/// A report may release several tables (<see cref="ReleasedTable"/>: a private report's coarse ones); each grouping is
/// judged once, on the coarsest table that has its axes and the segment, whose sums carry the least noise.
/// </summary>
public sealed class FindingsFinder(double alpha = 0.05, long minImpressions = 200, long minDwells = 30, int maxShown = 25, PrivacyPlan? privacy = null)
{
    public const string Everyone = "everyone";

    private static readonly string[][] Groupings =
        [["topic"], ["format"], ["channel"], ["hour"], ["format", "channel", "hour"], ["topic", "channel"]];

    public (IReadOnlyList<Finding> Findings, FindingsMethod Method) Find(IReadOnlyDictionary<CellKey, CellTally> cells) =>
        Find([new ReleasedTable(ReleasedTable.Cube, CellKey.Axes, cells, privacy)]);

    public (IReadOnlyList<Finding> Findings, FindingsMethod Method) Find(IReadOnlyList<ReleasedTable> tables)
    {
        var comparisons = Groupings.Select(axes => (Axes: axes, Table: ReleasedTable.Coarsest(tables, [.. axes, "segment"])))
            .Where(g => g.Table is not null)
            .SelectMany(g => Comparisons(g.Table!, g.Axes)).ToList();
        var m = Math.Max(1, comparisons.Count);
        var confidence = 1 - alpha / m;
        // Wins first (what to do more of), then trails; each by how far apart the two intervals are, relative to the rest.
        var found = comparisons.Select(c => Judge(c, new TallyIntervals(confidence, c.Plan), confidence)).OfType<Finding>()
            .OrderBy(f => f.Direction == "wins" ? 0 : 1)
            .ThenByDescending(f => (f.Direction == "wins" ? f.Group.Low - f.Rest.High : f.Rest.Low - f.Group.High) / f.Rest.Value)
            .ThenBy(f => f.Text, StringComparer.Ordinal).ToList();
        var method = new FindingsMethod(comparisons.Count, alpha, confidence, minImpressions, minDwells, found.Count, Math.Min(found.Count, maxShown),
            "a group is named only when its interval and the rest of its segment's interval, both at the family-wise level, do not overlap");
        return (found.Take(maxShown).ToList(), method);
    }

    private sealed record Comparison(string Segment, IReadOnlyDictionary<string, string> Where, string Measure, CellTally Group, CellTally Rest, PrivacyPlan? Plan);

    private IEnumerable<Comparison> Comparisons(ReleasedTable table, string[] axes)
    {
        var usable = table.Cells.Where(c => c.Key != CellKey.Folded).ToList();
        var segments = usable.Select(c => c.Key.Segment).Where(s => s is not (CellKey.Unknown or CellKey.Other)).Distinct().Order(StringComparer.Ordinal)
            .Select(s => (Name: s, Cells: usable.Where(c => c.Key.Segment == s).ToList()))
            .Prepend((Name: Everyone, Cells: usable));
        foreach (var (segment, segmentCells) in segments)
        {
            var total = CellTally.Sum(segmentCells.Select(c => c.Value));
            var groups = segmentCells.GroupBy(c => string.Join("\u001f", axes.Select(a => c.Key.Value(a))), StringComparer.Ordinal).ToList();
            if (groups.Count < 2) continue;
            foreach (var g in groups)
            {
                var key = g.First().Key;
                if (axes.Any(a => key.Value(a) is CellKey.Unknown or CellKey.Other or CellKey.All)) continue;
                var group = CellTally.Sum(g.Select(c => c.Value));
                var rest = Minus(total, group);
                var where = axes.ToDictionary(a => a, a => key.Value(a), StringComparer.Ordinal);
                if (TallyIntervals.Count(group.Impressions) >= minImpressions && TallyIntervals.Count(rest.Impressions) >= minImpressions)
                    yield return new Comparison(segment, where, "ctr", group, rest, table.Plan);
                if (TallyIntervals.Count(group.DwellCount) >= minDwells && TallyIntervals.Count(rest.DwellCount) >= minDwells)
                    yield return new Comparison(segment, where, "dwell", group, rest, table.Plan);
            }
        }
    }

    private static CellTally Minus(CellTally total, CellTally part)
    {
        var rest = total with { };
        rest.Add(new CellTally
        {
            Cells = -part.Cells, Impressions = -part.Impressions, Clicks = -part.Clicks, DwellCount = -part.DwellCount, DwellSum = -part.DwellSum,
            DwellSquares = -part.DwellSquares, Cohort1 = -part.Cohort1, Retained1 = -part.Retained1, Cohort7 = -part.Cohort7, Retained7 = -part.Retained7,
        });
        return rest;
    }

    private static Finding? Judge(Comparison c, TallyIntervals intervals, double confidence)
    {
        var (group, rest) = c.Measure == "ctr" ? (Of(intervals.Ctr(c.Group)), Of(intervals.Ctr(c.Rest))) : (Of(intervals.Dwell(c.Group)), Of(intervals.Dwell(c.Rest)));
        if (group is null || rest is null || rest.Value <= 0) return null;
        var direction = group.Low > rest.High ? "wins" : group.High < rest.Low ? "trails" : null;
        if (direction is null) return null;
        return new Finding(Text(c, direction, group, rest, confidence), c.Segment, c.Where, c.Measure, direction, group, rest,
            Math.Round(group.Value / rest.Value, 4), confidence);
    }

    private static Evidence? Of(ProportionInterval? p) => p is null ? null : new Evidence(p.Value, p.Low, p.High, p.Trials);

    private static Evidence? Of(MeanInterval? m) => m is { Low: { } low, High: { } high } ? new Evidence(m.Mean, low, high, m.Count) : null;

    /// <summary>"format 'video' on app-push at 19:00 wins for segment 3: CTR 4.1 % ± 0.6 against 2.2 % ± 0.3 …"</summary>
    public static string Text(IReadOnlyDictionary<string, string> where, string segment, string measure, string direction, Evidence group, Evidence rest, double confidence)
    {
        var what = string.Join(" ", where.Select(w => w.Key switch
        {
            "channel" => $"on {w.Value}",
            "hour" => $"at {w.Value}",
            _ => $"{w.Key} '{w.Value}'",
        }));
        var whom = segment == Everyone ? "for everyone" : $"for segment {segment}";
        var others = segment == Everyone ? "all other traffic" : $"the rest of segment {segment}";
        var level = (confidence * 100).ToString(confidence >= 0.9995 ? "0.0###" : "0.#", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{what} {direction} {whom}: {Show(measure, group)} against {Show(measure, rest)} for {others} " +
               $"({group.Count:N0} and {rest.Count:N0} {(measure == "ctr" ? "impressions" : "dwell values")}; {level} % intervals)");
    }

    private static string Text(Comparison c, string direction, Evidence group, Evidence rest, double confidence) =>
        Text(c.Where, c.Segment, c.Measure, direction, group, rest, confidence);

    /// <summary>"CTR 4.1 % ± 0.6" when the interval is about symmetric around the value, else "CTR 0.7 % (0.02–6.4)".</summary>
    private static string Show(string measure, Evidence e)
    {
        var (scale, unit, name) = measure == "ctr" ? (100.0, " %", "CTR") : (1.0, " s", "dwell");
        var half = (e.High - e.Low) / 2;
        var symmetric = Math.Abs((e.High + e.Low) / 2 - e.Value) <= 0.1 * half;
        return symmetric
            ? string.Create(CultureInfo.InvariantCulture, $"{name} {e.Value * scale:0.0#}{unit} ± {half * scale:0.0#}")
            : string.Create(CultureInfo.InvariantCulture, $"{name} {e.Value * scale:0.0#}{unit} ({e.Low * scale:0.0#}–{e.High * scale:0.0#})");
    }
}
