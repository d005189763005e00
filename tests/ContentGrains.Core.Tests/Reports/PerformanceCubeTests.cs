using ContentGrains.Core.Events;
using ContentGrains.Core.Reports;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Reports;

public sealed class PerformanceCubeTests
{
    private static readonly ReportLabels Labels = new()
    {
        TopicOf = item => item.StartsWith("space", StringComparison.Ordinal) ? "astronomy" : "cooking",
        FormatOf = item => item.EndsWith("-v", StringComparison.Ordinal) ? "video" : null,
        SegmentOf = person => person == "ann" ? "1" : null,
        TopicSource = "test",
    };

    private static Interaction E(string user, string item, EventType type, double hours, string channel = "web", double dwell = 0) =>
        Event(type, item, T0.AddHours(hours), dwell, channel, user);

    [Fact]
    public void Events_land_in_their_cell_counted_by_hand()
    {
        var cube = new PerformanceCube(Labels, new ContributionBounds());
        // T0 is 12:00 UTC.
        cube.Add(E("ann", "space-v", EventType.Impression, 0));
        cube.Add(E("ann", "space-v", EventType.Click, 0));
        cube.Add(E("ann", "space-v", EventType.Dwell, 0, dwell: 40));
        cube.Add(E("bob", "space-v", EventType.Impression, 0));
        cube.Add(E("bob", "soup", EventType.Impression, 7, "app-push"));
        cube.Add(E("bob", "soup", EventType.Like, 7, "app-push")); // not a KPI event: counted in no tally
        cube.Finish();

        var cells = cube.Cells;
        var annCell = cells[new CellKey("astronomy", "video", "web", 12, "1")];
        Assert.Equal((1.0, 1.0, 1.0, 40.0, 1600.0), (annCell.Impressions, annCell.Clicks, annCell.DwellCount, annCell.DwellSum, annCell.DwellSquares));
        var bobWeb = cells[new CellKey("astronomy", "video", "web", 12, CellKey.Unknown)];
        Assert.Equal((1.0, 0.0), (bobWeb.Impressions, bobWeb.Clicks));
        var bobPush = cells[new CellKey("cooking", CellKey.Unknown, "app-push", 19, CellKey.Unknown)];
        Assert.Equal(1.0, bobPush.Impressions);
        Assert.Equal(3, cells.Count);
        Assert.Equal(2, cube.People);
        Assert.Equal(new Dictionary<string, long> { ["1"] = 1, [CellKey.Unknown] = 1 }, cube.PeoplePerSegment);
    }

    [Fact]
    public void A_persons_events_are_clipped_per_cell_and_to_the_cell_bound()
    {
        var bounds = new ContributionBounds { MaxCellsPerPerson = 2, MaxImpressionsPerCell = 3, MaxClicksPerCell = 1, MaxDwellsPerCell = 1, MaxDwellSeconds = 100 };
        var cube = new PerformanceCube(Labels, bounds);
        for (var i = 0; i < 5; i++) cube.Add(E("ann", "space-v", EventType.Impression, 0));   // 3 count, 2 clipped
        for (var i = 0; i < 2; i++) cube.Add(E("ann", "space-v", EventType.Click, 0));        // 1 counts, 1 clipped
        cube.Add(E("ann", "space-v", EventType.Dwell, 0, dwell: 900));                         // clipped to 100 s
        cube.Add(E("ann", "space-v", EventType.Dwell, 0, dwell: 50));                          // over the dwell count: clipped
        cube.Add(E("ann", "soup", EventType.Impression, 1));                                   // second cell: counts
        cube.Add(E("ann", "soup", EventType.Impression, 2));                                   // a third cell (13:00 → 14:00): past the bound
        for (var i = 0; i < 4; i++) cube.Add(E("bob", "space-v", EventType.Impression, 0));   // another person has their own allowance
        cube.Finish();

        var ann = cube.Cells[new CellKey("astronomy", "video", "web", 12, "1")];
        Assert.Equal((3.0, 1.0, 1.0, 100.0), (ann.Impressions, ann.Clicks, ann.DwellCount, ann.DwellSum));
        Assert.Equal(1.0, cube.Cells[new CellKey("cooking", CellKey.Unknown, "web", 13, "1")].Impressions);
        Assert.Equal(0.0, cube.Cells[new CellKey("cooking", CellKey.Unknown, "web", 14, "1")].Impressions);
        Assert.Equal(3.0, cube.Cells[new CellKey("astronomy", "video", "web", 12, CellKey.Unknown)].Impressions);
        Assert.Equal(2 + 1 + 1 + 1 + 1, cube.ClippedEvents); // ann: impressions, a click, a dwell, the third cell; bob: his 4th impression
    }

    [Fact]
    public void Cells_past_the_bound_fold_into_other_and_are_counted()
    {
        var cube = new PerformanceCube(Labels, new ContributionBounds { MaxCellsPerPerson = 100 }, maxCells: 2);
        for (var h = 0; h < 5; h++) cube.Add(E($"p{h}", "soup", EventType.Impression, h));
        cube.Finish();

        Assert.Equal(3, cube.Cells.Count);
        Assert.Equal(3.0, cube.Cells[CellKey.Folded].Impressions);
        Assert.Equal(3, cube.FoldedEvents);
    }

    [Fact]
    public void Retention_goes_to_the_cell_of_the_persons_first_event()
    {
        var cube = new PerformanceCube(Labels, new ContributionBounds());
        cube.Add(E("ann", "soup", EventType.Impression, 24));        // day 1, 12:00 — not her first event
        cube.Add(E("ann", "space-v", EventType.Impression, 0));      // day 0: her cohort cell
        cube.Add(E("bob", "space-v", EventType.Impression, 0));      // day 0, never back
        cube.Add(E("cat", "soup", EventType.Impression, 24 * 8));    // day 8: makes day 7 of day 0 observable
        cube.Finish();

        var annCell = cube.Cells[new CellKey("astronomy", "video", "web", 12, "1")];
        var bobCell = cube.Cells[new CellKey("astronomy", "video", "web", 12, CellKey.Unknown)];
        Assert.Equal((1.0, 1.0, 1.0, 0.0), (annCell.Cohort1, annCell.Retained1, annCell.Cohort7, annCell.Retained7));
        Assert.Equal((1.0, 0.0), (bobCell.Cohort1, bobCell.Retained1));
        var catCell = cube.Cells[new CellKey("cooking", CellKey.Unknown, "web", 12, CellKey.Unknown)];
        Assert.Equal((0.0, 0.0), (catCell.Cohort1, catCell.Cohort7)); // nothing after her first day
    }
}
