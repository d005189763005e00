using ContentGrains.Core.Catalog;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Catalog;

/// <summary>
/// A silo's view of a million-item catalog: it builds, its orderings stay bounded, and it stays within the memory the
/// docs/scale.md states ("The catalog at scale": under 600 bytes per item, managed, for entries with an id, a title, one or two tags and a publish time).
/// </summary>
public class MillionItemViewTests
{
    private const int Items = 1_000_000;
    private const double StatedBytesPerItem = 600;

    [Fact]
    public void A_million_entry_view_builds_within_the_stated_memory_with_bounded_orderings()
    {
        var now = Given.T0;
        var settings = new CatalogViewSettings();
        var before = ManagedBytes();

        var view = new CatalogView(TimeSpan.FromDays(1), settings);
        for (var i = 0; i < Items; i++)
        {
            // Popularity rises with i except every 1000th item, which is the most popular of all: the head is known.
            var popularity = i % 1000 == 999 ? 1e6 + i : i % 1000;
            view.Apply(new CatalogEntry($"item-{i:D7}", i % 2 == 0 ? [$"tag-{i % 500}"] : [$"tag-{i % 500}", "common"], [],
                now.AddMinutes(-i), new DecayingValue { Value = popularity, AsOfUnixMs = now.ToUnixTimeMilliseconds() }, i % 40, $"Item {i}"));
        }
        var snapshot = view.Publish(now);
        var bytesPerItem = (double)(ManagedBytes() - before) / Items;

        Assert.Equal(Items, snapshot.Entries.Count);
        Assert.InRange(bytesPerItem, 1, StatedBytesPerItem);
        Assert.Equal(settings.PopularCapacity, snapshot.ByPopularity.Length);
        Assert.Equal("item-0999999", snapshot.Entries[snapshot.ByPopularity[0]].ItemId);
        Assert.Equal("item-0998999", snapshot.Entries[snapshot.ByPopularity[1]].ItemId);
        Assert.Equal(settings.FreshCapacity, snapshot.ByFreshness.Length);
        Assert.Equal("item-0000000", snapshot.Entries[snapshot.ByFreshness[0]].ItemId);
        Assert.Equal(501, snapshot.ByTag.Count);
        Assert.All(snapshot.ByTag.Values, slots => Assert.True(slots.Length <= settings.PerTagCapacity));
        Assert.Equal(settings.UnderExposedCapacity, snapshot.UnderExposed.Length);
        Assert.Equal(1e6 + 999_999, snapshot.MaxPopularity);
        GC.KeepAlive(view);
    }

    private static long ManagedBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
