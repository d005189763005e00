using ContentGrains.Core.Events;
using ContentGrains.Core.Kpis;

namespace ContentGrains.Core.Reports;

/// <summary>
/// Content performance by topic × format × channel × hour × segment, counted exactly within two bounds. Cells: at most
/// <see cref="MaxCells"/> distinct cells are kept (about 250 bytes each); events of later cells fold into
/// <see cref="CellKey.Folded"/> and <see cref="FoldedEvents"/> says how many. People: one <see cref="PersonCells"/> per
/// person (about 100 bytes for the retention cohort); with bounds (private reports) each person's contribution is
/// clipped by <see cref="ContributionBounds"/> (plus 24 bytes per cell they touch, at most the bound), and
/// <see cref="ClippedEvents"/> counts what the clip left out. Call <see cref="Finish"/> once all
/// events are in, to close the retention cohorts. With <c>axes</c> the cube is a coarse table that keeps only those axes
/// (<see cref="CellKey.Coarsen"/>), and the clip applies to its own, coarser cells: a person's events then fill far fewer
/// cells, so far fewer are left out than when a coarse table is summed from the clipped full cube.
/// </summary>
public sealed class PerformanceCube(ReportLabels labels, ContributionBounds bounds, int maxCells = PerformanceCube.DefaultMaxCells,
    IReadOnlyCollection<string>? axes = null)
{
    public const int DefaultMaxCells = 50_000;

    private readonly Dictionary<CellKey, int> index = [];
    private readonly List<CellKey> keys = [];
    private readonly List<CellTally> tallies = [];
    private readonly Dictionary<string, PersonCells> people = new(StringComparer.Ordinal);
    private int lastDay = int.MinValue;

    public int MaxCells { get; } = maxCells >= 1 ? maxCells : throw new ArgumentOutOfRangeException(nameof(maxCells), maxCells, "at least one cell");
    public ContributionBounds Bounds { get; } = bounds;
    public long EventsAdded { get; private set; }
    public long FoldedEvents { get; private set; }
    public long ClippedEvents { get; private set; }
    public int People => people.Count;

    public IReadOnlyDictionary<CellKey, CellTally> Cells => keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => tallies[p.i]);

    /// <summary>Each person's segment as this cube saw it (for segment sizes).</summary>
    public IReadOnlyDictionary<string, long> PeoplePerSegment =>
        people.Values.GroupBy(p => p.Segment, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

    public void Add(Interaction e)
    {
        EventsAdded++;
        var day = RetentionCohorts.DayNumber(e.Timestamp);
        lastDay = Math.Max(lastDay, day);
        var key = KeyOf(e);
        var cell = CellOf(key, out var folded);
        if (folded) FoldedEvents++;
        var person = PersonOf(e.UserId, cell, day, key.Segment);
        person.Seen(day, cell);
        if (!Counts(e.Type, e.DwellSeconds)) return;
        if (Bounds.IsNone) { Count(e, tallies[cell]); return; }
        if (person.Slot(cell, Bounds.MaxCellsPerPerson) is not { } slot) { ClippedEvents++; return; }
        if (!Apply(e, tallies[cell], person, slot)) ClippedEvents++;
    }

    /// <summary>Adds each person's retention to the cell of their first event; days after the last event's day are not observable.</summary>
    public void Finish()
    {
        foreach (var person in people.Values)
        {
            var t = tallies[person.FirstCell];
            if (person.FirstDay + 1 <= lastDay) { t.Cohort1++; t.Retained1 += person.ActiveOn(1); }
            if (person.FirstDay + 7 <= lastDay) { t.Cohort7++; t.Retained7 += person.ActiveOn(7); }
        }
    }

    private CellKey KeyOf(Interaction e)
    {
        var key = new CellKey(
            labels.TopicOf(e.ItemId) ?? CellKey.Unknown,
            labels.FormatOf(e.ItemId) ?? CellKey.Unknown,
            e.Channel,
            e.Timestamp.UtcDateTime.Hour,
            labels.SegmentOf(e.UserId) ?? CellKey.Unknown);
        return axes is null ? key : key.Coarsen(axes);
    }

    private static bool Counts(EventType type, double dwell) => type is EventType.Impression or EventType.Click || dwell > 0;

    /// <summary>Without bounds: every event counts, and no per-person cell use is kept.</summary>
    private static void Count(Interaction e, CellTally tally)
    {
        if (e.Type == EventType.Impression) tally.Impressions++;
        if (e.Type == EventType.Click) tally.Clicks++;
        if (e.DwellSeconds <= 0) return;
        tally.DwellCount++;
        tally.DwellSum += e.DwellSeconds;
        tally.DwellSquares += e.DwellSeconds * e.DwellSeconds;
    }

    private bool Apply(Interaction e, CellTally tally, PersonCells person, int slot)
    {
        var used = person.Used[slot];
        if (e.Type == EventType.Impression)
        {
            if (used.Impressions >= Bounds.MaxImpressionsPerCell) return false;
            person.Used[slot] = used with { Impressions = used.Impressions + 1 };
            tally.Impressions++;
            return true;
        }
        var counted = false;
        if (e.Type == EventType.Click && used.Clicks < Bounds.MaxClicksPerCell)
        {
            used = used with { Clicks = used.Clicks + 1 };
            tally.Clicks++;
            counted = true;
        }
        if (e.DwellSeconds > 0 && used.Dwells < Bounds.MaxDwellsPerCell)
        {
            var dwell = Math.Min(e.DwellSeconds, Bounds.MaxDwellSeconds);
            used = used with { Dwells = used.Dwells + 1 };
            tally.DwellCount++;
            tally.DwellSum += dwell;
            tally.DwellSquares += dwell * dwell;
            counted = true;
        }
        person.Used[slot] = used;
        return counted;
    }

    private int CellOf(CellKey key, out bool folded)
    {
        folded = false;
        if (index.TryGetValue(key, out var cell)) return cell;
        if (keys.Count >= MaxCells)
        {
            folded = true;
            key = CellKey.Folded;
            if (index.TryGetValue(key, out cell)) return cell;
        }
        index[key] = keys.Count;
        keys.Add(key);
        tallies.Add(new CellTally { Cells = 1 });
        return keys.Count - 1;
    }

    private PersonCells PersonOf(string personId, int cell, int day, string segment)
    {
        if (people.TryGetValue(personId, out var person)) return person;
        return people[personId] = new PersonCells(day, cell, segment);
    }
}
