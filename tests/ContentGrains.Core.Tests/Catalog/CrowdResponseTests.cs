using ContentGrains.Core.Catalog;
using ContentGrains.Core.Click;

namespace ContentGrains.Core.Tests.Catalog;

/// <summary>
/// The crowd's engagement per impression, by hand. x1: 100 shown, 20 engaged; x2: 50 shown, none; y1: 50 shown, 2
/// engaged. Overall 22 / 200 = 0.11. Tag x = (20 + 50 × 0.11) / (150 + 50) = 0.1275, tag y = (2 + 5.5) / (50 + 50) = 0.075.
/// x1's lift = (20 + 20 × 0.1275) / (100 + 20) / 0.11 = 1.708333; y1's = (2 + 20 × 0.075) / 70 / 0.11 = 0.454545; x2's
/// = (0 + 2.55) / 70 / 0.11 = 0.331169.
/// </summary>
public sealed class CrowdResponseTests
{
    private static readonly DateTimeOffset Now = Given.T0;
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(1);

    internal static RecentWindows Shown(int impressions, int engaged)
    {
        var windows = new RecentWindows();
        for (var i = 0; i < impressions; i++) windows.RecordImpression(Now.AddHours(-1));
        for (var i = 0; i < engaged; i++) windows.RecordClick(Now.AddHours(-1));
        return windows;
    }

    private static CatalogEntry Entry(string id, RecentWindows? windows, params string[] tags) => new(id, tags, [], null, default, 1, Windows: windows);

    private static CatalogView View() => new(HalfLife, CatalogViewSettings.Unbounded(10));

    private static CatalogSnapshot ThreeItems()
    {
        var view = View();
        view.ApplyAll([Entry("x1", Shown(100, 20), "x"), Entry("x2", Shown(50, 0), "x"), Entry("y1", Shown(50, 2), "y"), Entry("new", null)]);
        return view.Publish(Now);
    }

    [Fact]
    public void Items_lift_is_its_rate_shrunk_toward_its_tags_rate_over_the_overall_rate()
    {
        var s = ThreeItems();
        var crowd = s.Crowd;

        Assert.True(crowd.Known);
        Assert.Equal(new WindowCount(200, 22), crowd.Total);
        Assert.Equal(0.1275, crowd.TagRate("x"), 12);
        Assert.Equal(0.075, crowd.TagRate("y"), 12);
        Assert.Equal(0.11, crowd.TagRate("never-shown"), 12);
        Assert.Equal(1.708333, crowd.LiftOf(s.Find("x1")!), 6);
        Assert.Equal(0.331169, crowd.LiftOf(s.Find("x2")!), 6);
        Assert.Equal(0.454545, crowd.LiftOf(s.Find("y1")!), 6);
        Assert.Equal(1.0, crowd.LiftOf(s.Find("new")!), 12); // untagged, never shown: the overall rate
    }

    [Fact]
    public void Tags_by_lift_put_the_crowds_best_first()
    {
        var crowd = ThreeItems().Crowd;

        Assert.Equal(["x", "y"], crowd.TagsByLift.Select(kv => kv.Key));
        Assert.Equal(0.1275 / 0.11, crowd.TagsByLift[0].Value, 12);
        Assert.Equal(0.075 / 0.11, crowd.TagsByLift[1].Value, 12);
    }

    [Fact]
    public void Before_the_crowd_engaged_with_anything_every_lift_is_1_and_no_tag_is_offered()
    {
        var view = View();
        view.ApplyAll([Entry("x1", Shown(30, 0), "x"), Entry("y1", null, "y")]);
        var s = view.Publish(Now);

        Assert.False(s.Crowd.Known);
        Assert.Equal(1.0, s.Crowd.LiftOf(s.Find("x1")!));
        Assert.Empty(s.Crowd.TagsByLift);
        Assert.False(CrowdResponse.None.Known);
    }

    [Fact]
    public void A_new_report_replaces_the_items_counts_and_a_retag_moves_them_while_published_snapshots_keep_theirs()
    {
        var view = View();
        view.Apply(Entry("x1", Shown(10, 1), "x"));
        var before = view.Publish(Now);

        view.Apply(Entry("x1", Shown(20, 3), "x"));                 // the item's newer report: its totals, not added to the old ones
        var reported = view.Publish(Now);
        view.Apply(Entry("x1", Shown(20, 3), "y"));                 // re-tagged: its counts leave x for y
        var retagged = view.Publish(Now);

        Assert.Equal(new WindowCount(10, 1), before.Crowd.Total);   // as of its publication: later reports do not reach it
        Assert.Equal(new WindowCount(20, 3), reported.Crowd.Total);
        Assert.Equal((3 + 50 * 0.15) / (20 + 50), reported.Crowd.TagRate("x"), 12);
        Assert.Equal(new WindowCount(20, 3), retagged.Crowd.Total);
        Assert.Equal(0.15, retagged.Crowd.TagRate("x"), 12);        // nothing left on x: the overall rate
        Assert.Equal((3 + 50 * 0.15) / (20 + 50), retagged.Crowd.TagRate("y"), 12);
        Assert.Same(retagged.Crowd, view.Publish(Now).Crowd);       // nothing changed: the same object
    }
}
