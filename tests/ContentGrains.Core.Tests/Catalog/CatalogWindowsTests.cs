using ContentGrains.Core.Catalog;
using ContentGrains.Core.Click;
using ContentGrains.Core.Events;
using ContentGrains.Core.Items;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Catalog;

public sealed class CatalogWindowsTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(1);

    [Fact]
    public void Item_counters_count_impressions_and_engagements_in_their_windows()
    {
        var counters = new ItemCounters();
        counters.Apply(Event(EventType.Impression, at: T0), HalfLife);
        counters.Apply(Event(EventType.Impression, at: T0), HalfLife);
        counters.Apply(Event(EventType.Click, at: T0), HalfLife);
        counters.Apply(Event(EventType.View, at: T0), HalfLife);                       // not an engagement
        counters.Apply(Event(EventType.Dwell, at: T0, dwellSeconds: 45), HalfLife);    // a long read is one

        Assert.Equal(new WindowCount(2, 2), counters.Windows.CountsAt(T0)[^1]);
        Assert.Equal(T0, counters.Windows.FirstSeen);
    }

    [Fact]
    public void A_popularity_report_carries_the_windows_into_the_entry_and_replay_counts_into_a_copy()
    {
        var index = new CatalogIndex();
        index.Upsert(new CatalogEntry("item-1", [], [], null, default, 0));
        var reported = new RecentWindows();
        reported.RecordImpression(T0);
        index.Report(new PopularityReport("item-1", default, 1, reported));
        var published = index.Entries["item-1"].Windows!;

        index.Replay(2, Event(EventType.Click, at: T0), HalfLife);

        Assert.Same(reported, published);
        Assert.Equal(0, published.TotalClicks);                             // what a reader already holds does not change
        Assert.Equal(new WindowCount(1, 1), index.Entries["item-1"].Windows!.CountsAt(T0)[^1]);
    }
}
