using ContentGrains.Core.Catalog;

namespace ContentGrains.Core.Tests.Catalog;

public class CatalogChangeLogTests
{
    [Fact]
    public void Answers_the_distinct_items_changed_after_a_version()
    {
        var log = new CatalogChangeLog(capacity: 10, currentVersion: 4);
        log.Record(5, "a");
        log.Record(6, "b");
        log.Record(7, "a");

        Assert.Equal(["a", "b"], log.Since(4)!.Order());
        Assert.Equal(["a", "b"], log.Since(5)!.Order()); // a changed again at 7
        Assert.Equal(["a"], log.Since(6)!);
        Assert.Empty(log.Since(7)!);
    }

    [Fact]
    public void A_version_from_before_the_log_began_gets_null_so_the_silo_resyncs()
    {
        var log = new CatalogChangeLog(capacity: 10, currentVersion: 4);

        Assert.Null(log.Since(3));
        Assert.NotNull(log.Since(4));
    }

    [Fact]
    public void Past_twice_its_capacity_it_forgets_all_but_the_newest_capacity_changes()
    {
        var log = new CatalogChangeLog(capacity: 2, currentVersion: 0);
        for (var v = 1; v <= 4; v++) log.Record(v, $"i{v}");
        Assert.Equal(0, log.ReachesBack); // 4 = 2 × capacity: nothing forgotten yet

        log.Record(5, "i5");

        Assert.Equal((2, 3L), (log.Count, log.ReachesBack));
        Assert.Null(log.Since(2));
        Assert.Equal(["i4", "i5"], log.Since(3)!.Order());
    }

    [Fact]
    public void Capacity_must_be_positive()
    {
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new CatalogChangeLog(0, 0)).ParamName);
    }
}
