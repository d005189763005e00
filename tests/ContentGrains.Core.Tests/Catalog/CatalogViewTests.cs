using ContentGrains.Core.Catalog;
using ContentGrains.Core.Profiles;

namespace ContentGrains.Core.Tests.Catalog;

public class CatalogViewTests
{
    private static readonly DateTimeOffset Now = Given.T0;
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(1);

    private static CatalogEntry Entry(string id, double trend = 0, double trendDaysAgo = 0, long events = 0, int? publishedDaysAgo = null, params string[] tags) =>
        new(id, tags, [], publishedDaysAgo is { } d ? Now.AddDays(-d) : null,
            trend == 0 ? default : new DecayingValue { Value = trend, AsOfUnixMs = Now.AddDays(-trendDaysAgo).ToUnixTimeMilliseconds() }, events);

    private static string[] Ids(CatalogSnapshot s, IEnumerable<int> slots) => slots.Select(i => s.Entries[i].ItemId).ToArray();

    private static CatalogView View(int popular = 100, int fresh = 100, int perTag = 100, int underExposed = 100) =>
        new(HalfLife, new CatalogViewSettings { PopularCapacity = popular, FreshCapacity = fresh, PerTagCapacity = perTag, UnderExposedCapacity = underExposed });

    [Fact]
    public void Popularity_order_by_the_fixed_key_is_the_order_of_values_decayed_to_now()
    {
        // b: 8 two days ago = 2 now; a: 3 now; c: 5 one day ago = 2.5 now.
        var view = View();
        view.ApplyAll([Entry("a", 3), Entry("b", 8, 2), Entry("c", 5, 1)]);

        var s = view.Publish(Now);

        Assert.Equal(["a", "c", "b"], Ids(s, s.ByPopularity));
        Assert.Equal([3.0, 2.0, 2.5], s.Popularity.Select(p => Math.Round(p, 12)));
        Assert.Equal(3.0, s.MaxPopularity);
    }

    [Fact]
    public void A_delta_moves_an_item_in_every_ordering_without_changing_its_slot()
    {
        var view = View();
        view.ApplyAll([Entry("a", 3, tags: "jazz"), Entry("b", 2, publishedDaysAgo: 5, tags: "jazz"), Entry("c", 1, publishedDaysAgo: 1, tags: "rock")]);
        var before = view.Publish(Now);

        // b gets popular, moves from jazz to rock, and its publish time moves to now.
        view.Apply(Entry("b", 9, publishedDaysAgo: 0, tags: "rock"));
        var after = view.Publish(Now);

        Assert.Equal(3, after.Entries.Count);
        Assert.Equal(1, after.IndexOf("b"));
        Assert.Equal(["b", "a", "c"], Ids(after, after.ByPopularity));
        Assert.Equal(["b", "c"], Ids(after, after.ByFreshness));
        Assert.Equal(["a"], Ids(after, after.ByTag["jazz"]));
        Assert.Equal(["b", "c"], Ids(after, after.ByTag["rock"]));
        // The earlier snapshot's orderings are untouched (readers may still hold it).
        Assert.Equal(["a", "b", "c"], Ids(before, before.ByPopularity));
        Assert.Equal(["a", "b"], Ids(before, before.ByTag["jazz"]));
    }

    [Fact]
    public void Bounded_lists_keep_the_head_of_each_ordering()
    {
        var view = View(popular: 3, fresh: 2, perTag: 2);
        view.ApplyAll(Enumerable.Range(0, 10).Select(i => Entry($"i{i}", i + 1, publishedDaysAgo: i, tags: i % 2 == 0 ? "even" : "odd")));

        var s = view.Publish(Now);

        Assert.Equal(["i9", "i8", "i7"], Ids(s, s.ByPopularity));
        Assert.Equal(["i0", "i1"], Ids(s, s.ByFreshness));
        Assert.Equal(["i8", "i6"], Ids(s, s.ByTag["even"]));
        Assert.Equal(["i9", "i7"], Ids(s, s.ByTag["odd"]));
    }

    [Fact]
    public void Bounded_lists_match_a_full_sort_after_thousands_of_random_deltas()
    {
        var random = new Random(11);
        var view = View(popular: 50, fresh: 50, perTag: 30);
        var current = new Dictionary<string, CatalogEntry>();
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                var id = $"i{random.Next(2_000):D4}";
                var old = current.GetValueOrDefault(id);
                var trend = old?.Trend ?? default;
                trend.Add(random.Next(1, 4), Now.AddHours(random.Next(-48, 0)), HalfLife); // popularity only grows
                var entry = Entry(id, publishedDaysAgo: old?.PublishedAt is null ? random.Next(100) : (int)(Now - old.PublishedAt.Value).TotalDays,
                    tags: old?.Tags.ToArray() ?? [$"t{random.Next(5)}"]) with { Trend = trend };
                current[id] = entry;
                view.Apply(entry);
            }
            var s = view.Publish(Now);
            var byPopularity = current.Values.OrderByDescending(e => e.Trend.ValueAt(Now, HalfLife)).ThenBy(e => e.ItemId, StringComparer.Ordinal);
            Assert.Equal(byPopularity.Take(50).Select(e => e.ItemId), Ids(s, s.ByPopularity));
            Assert.Equal(current.Values.OrderByDescending(e => e.PublishedAt).ThenBy(e => e.ItemId, StringComparer.Ordinal).Take(50).Select(e => e.ItemId),
                Ids(s, s.ByFreshness));
            Assert.Equal(byPopularity.Where(e => e.Tags.Contains("t3")).Take(30).Select(e => e.ItemId), Ids(s, s.ByTag["t3"]));
        }
    }

    [Fact]
    public void Under_exposed_pool_takes_new_items_first_and_lets_go_of_items_that_earned_their_events()
    {
        var view = View(underExposed: 3);
        view.ApplyAll([Entry("a"), Entry("b", events: 25), Entry("c", events: 3), Entry("d")]);
        Assert.Equal(["a", "c", "d"], Ids(view.Publish(Now), view.Publish(Now).UnderExposed).Order());

        view.Apply(Entry("e")); // new: pushes out the longest-waiting (a)
        var s = view.Publish(Now);
        Assert.Equal(["c", "d", "e"], Ids(s, s.UnderExposed).Order());

        view.Apply(Entry("c", events: 20)); // c has its events now: leaves, and the top-up scan brings a back
        s = view.Publish(Now);
        Assert.Equal(["a", "d", "e"], Ids(s, s.UnderExposed).Order());
    }

    [Fact]
    public void Publish_returns_the_same_snapshot_while_nothing_changed()
    {
        var view = View();
        view.Apply(Entry("a"));
        var first = view.Publish(Now);

        Assert.Same(first, view.Publish(Now.AddSeconds(1)));
        view.Apply(Entry("b"));
        Assert.NotSame(first, view.Publish(Now.AddSeconds(2)));
        Assert.Single(first.Entries);
        Assert.Null(first.Find("b")); // a snapshot answers only for the items it covers
    }

    [Fact]
    public void Tags_and_channels_are_shared_instances_across_entries()
    {
        var view = View();
        view.Apply(Entry("a", tags: new string("jazz".AsSpan())));
        view.Apply(Entry("b", tags: new string("jazz".AsSpan())));
        var s = view.Publish(Now);

        Assert.Same(s.Find("a")!.Tags[0], s.Find("b")!.Tags[0]);
    }
}
