using ContentGrains.Core.Catalog;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Catalog;

public class CatalogSnapshotTests
{
    private static readonly DateTimeOffset Now = Given.T0;
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(1);

    /// <summary>An entry whose trend was <paramref name="trend"/> one half-life before <see cref="Now"/>.</summary>
    private static CatalogEntry Entry(string id, double trend, int? publishedDaysAgo = null, params string[] tags) =>
        new(id, tags, [], publishedDaysAgo is { } d ? Now.AddDays(-d) : null,
            trend == 0 ? default : new DecayingValue { Value = trend, AsOfUnixMs = Now.AddDays(-1).ToUnixTimeMilliseconds() }, 1);

    private static CatalogSnapshot Snapshot(params CatalogEntry[] entries) => new(7, entries, Now, HalfLife);

    private static string[] Ids(CatalogSnapshot s, IEnumerable<int> indices) => indices.Select(i => s.Entries[i].ItemId).ToArray();

    [Fact]
    public void Popularity_is_decayed_to_build_time()
    {
        var s = Snapshot(Entry("a", 8), Entry("b", 3), Entry("c", 0));

        Assert.Equal([4.0, 1.5, 0.0], s.Popularity);
        Assert.Equal(4.0, s.MaxPopularity);
        Assert.Equal((7L, Now), (s.Version, s.BuiltAt));
    }

    [Fact]
    public void ByPopularity_is_most_popular_first_ties_by_item_id()
    {
        var s = Snapshot(Entry("d", 2), Entry("c", 8), Entry("b", 2), Entry("a", 0), Entry("e", 5));

        Assert.Equal(["c", "e", "b", "d", "a"], Ids(s, s.ByPopularity));
    }

    [Fact]
    public void ByFreshness_is_newest_first_and_leaves_out_items_without_publish_time()
    {
        var s = Snapshot(Entry("old", 0, 30), Entry("undated", 9), Entry("new", 0, 1), Entry("mid-b", 0, 5), Entry("mid-a", 0, 5));

        Assert.Equal(["new", "mid-a", "mid-b", "old"], Ids(s, s.ByFreshness));
    }

    [Fact]
    public void ByTag_lists_each_tags_items_most_popular_first()
    {
        var s = Snapshot(
            Entry("a", 2, null, "jazz", "vinyl"),
            Entry("b", 8, null, "jazz"),
            Entry("c", 4, null, "vinyl", "jazz"),
            Entry("d", 6));

        Assert.Equal(["jazz", "vinyl"], s.ByTag.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["b", "c", "a"], Ids(s, s.ByTag["jazz"]));
        Assert.Equal(["c", "a"], Ids(s, s.ByTag["vinyl"]));
    }

    [Fact]
    public void ByTag_is_case_sensitive()
    {
        var s = Snapshot(Entry("a", 1, null, "jazz"), Entry("b", 1, null, "Jazz"));

        Assert.Equal(["a"], Ids(s, s.ByTag["jazz"]));
        Assert.Equal(["b"], Ids(s, s.ByTag["Jazz"]));
    }

    [Fact]
    public void ByTag_breaks_ties_by_item_id()
    {
        var s = Snapshot(Entry("c", 0, null, "jazz"), Entry("a", 0, null, "jazz"), Entry("b", 0, null, "jazz"));

        Assert.Equal(["a", "b", "c"], Ids(s, s.ByTag["jazz"]));
    }

    [Fact]
    public void Find_returns_the_entry_by_id()
    {
        var b = Entry("b", 3);
        var s = Snapshot(Entry("a", 1), b);

        // The view keeps its own copy (tags and channels interned), equal in content.
        Assert.Equal(("b", b.Trend, b.EventsApplied), (s.Find("b")!.ItemId, s.Find("b")!.Trend, s.Find("b")!.EventsApplied));
        Assert.Null(s.Find("z"));
        Assert.Null(s.Find("B"));
    }

    [Fact]
    public void Empty_snapshot_has_nothing()
    {
        var s = CatalogSnapshot.Empty;

        Assert.Equal(0, s.Version);
        Assert.Empty(s.Entries);
        Assert.Empty(s.ByPopularity);
        Assert.Empty(s.ByFreshness);
        Assert.Empty(s.ByTag);
        Assert.Equal(0, s.MaxPopularity);
        Assert.Null(s.Find("a"));
    }
}
