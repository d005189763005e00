using ContentGrains.Core.Candidates;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Reranking;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Reranking;

public class ExplorationSlotTests
{
    private const long MaxEvents = 20;
    private static readonly HashSet<int> NoneInFeed = [];

    /// <summary>e0..e9 with 0, 5, ..., 45 events: e0..e3 have fewer than 20.</summary>
    private static readonly CatalogSnapshot Ten = Snapshot(
        [.. Enumerable.Range(0, 10).Select(i => Item($"e{i}", channels: i == 2 ? ["app"] : [], events: i * 5))]);

    private static CandidatePool Filter(CatalogSnapshot catalog, string? channel = null, params string[] excluded) =>
        new(catalog, new HashSet<string>(excluded), channel);

    private static string[] Pick(CatalogSnapshot catalog, CandidatePool filter, IReadOnlySet<int> inFeed, string user, DateTimeOffset at, int slots) =>
        ExplorationSlot.Pick(catalog, filter, inFeed, user, at, slots, MaxEvents).Select(e => catalog.Entries[e].ItemId).ToArray();

    [Theory]
    [InlineData("user-1")]
    [InlineData("")]
    [InlineData(300)] // an id too long for the stack buffer
    public void The_seed_is_the_hash_of_the_id_and_the_hour_written_out(object id)
    {
        var userId = id as string ?? new string('p', (int)id);
        foreach (var at in new[] { Now, Now.AddMinutes(59), Now.AddHours(1), new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero) })
            Assert.Equal((int)Core.Data.Fnv1a.Hash($"{userId}|{at.ToUnixTimeSeconds() / 3600}"), ExplorationSlot.Seed(userId, at));
    }

    [Fact]
    public void Only_items_with_fewer_events_than_the_maximum_are_picked()
    {
        var picked = Pick(Ten, Filter(Ten), NoneInFeed, "u", Now, slots: 10);

        Assert.Equal(["e0", "e1", "e2", "e3"], picked.Order());
        Assert.Equal(4, picked.Distinct().Count());
    }

    [Fact]
    public void Excluded_items_other_channels_and_items_already_in_the_feed_are_not_picked()
    {
        Assert.Equal(["e0", "e3"], Pick(Ten, Filter(Ten, "WEB", "e1"), NoneInFeed, "u", Now, slots: 10).Order());
        Assert.Equal(["e3"], Pick(Ten, Filter(Ten, "web", "e1"), new HashSet<int> { 0 }, "u", Now, slots: 10));
        Assert.Empty(Pick(Ten, Filter(Ten, null, "e0", "e1", "e2", "e3"), NoneInFeed, "u", Now, slots: 1));
        Assert.Empty(Pick(Ten, Filter(Ten), NoneInFeed, "u", Now, slots: 0));
    }

    [Fact]
    public void The_pick_is_the_same_within_the_hour_for_one_user()
    {
        var first = Pick(Ten, Filter(Ten), NoneInFeed, "user-1", Now, 2); // Now is 12:00:00
        foreach (var minutes in new[] { 1, 30, 59 })
            Assert.Equal(first, Pick(Ten, Filter(Ten), NoneInFeed, "user-1", Now.AddMinutes(minutes), 2));
        Assert.Equal(ExplorationSlot.Seed("user-1", Now), ExplorationSlot.Seed("user-1", Now.AddSeconds(3599)));
        Assert.NotEqual(ExplorationSlot.Seed("user-1", Now), ExplorationSlot.Seed("user-1", Now.AddHours(1)));
    }

    [Fact]
    public void Seed_is_fnv1a_of_the_user_and_the_hour()
    {
        // FNV-1a 32-bit, computed independently: "u|0" → 0xFAA88BDC; "user-1|491628" (T0 = hour 491628) → 1599075094.
        Assert.Equal(unchecked((int)0xFAA88BDC), ExplorationSlot.Seed("u", DateTimeOffset.UnixEpoch.AddMinutes(59)));
        Assert.Equal(1599075094, ExplorationSlot.Seed("user-1", Now));
    }

    [Fact]
    public void Picks_spread_over_the_eligible_items_across_users()
    {
        // 20 eligible items, one slot, 1000 users: a uniform pick gives each item 50 ± 7 (one standard deviation).
        var catalog = Snapshot([.. Enumerable.Range(0, 20).Select(i => Item($"x{i:D2}", events: 0))]);
        var filter = Filter(catalog);

        var counts = Enumerable.Range(0, 1000)
            .Select(u => Pick(catalog, filter, NoneInFeed, $"user-{u}", Now, 1).Single())
            .CountBy(id => id)
            .ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal(20, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 25, 80));
    }

    [Fact]
    public void Picks_change_through_the_day()
    {
        var picks = Enumerable.Range(0, 24).Select(h => Pick(Ten, Filter(Ten), NoneInFeed, "user-1", Now.AddHours(h), 1).Single());

        Assert.Equal(4, picks.Distinct().Count());
    }

    [Fact]
    public void When_the_filter_refuses_nearly_the_whole_list_the_one_eligible_item_is_still_found()
    {
        // 1,000 under-exposed items, all excluded but x0777: random draws almost never land on it, the scan does.
        var catalog = Snapshot([.. Enumerable.Range(0, 1000).Select(i => Item($"x{i:D4}", events: 0))]);
        var filter = Filter(catalog, null, [.. Enumerable.Range(0, 1000).Where(i => i != 777).Select(i => $"x{i:D4}")]);

        Assert.Equal(["x0777"], Pick(catalog, filter, NoneInFeed, "user-1", Now, 2));
    }

    [Fact]
    public void Random_draws_check_a_few_entries_when_most_of_the_list_is_eligible()
    {
        var catalog = Snapshot([.. Enumerable.Range(0, 1000).Select(i => Item($"x{i:D4}", events: 0))]);
        var asked = 0;
        var counting = new CountingSet(() => asked++);

        var picked = ExplorationSlot.Pick(catalog, Filter(catalog), counting, "user-1", Now, 1, MaxEvents);

        Assert.Single(picked);
        Assert.Equal(1, asked); // one draw, one check: not the 1,000 a scan of the list makes
    }

    /// <summary>An empty "in the feed" set that counts the questions asked of it.</summary>
    private sealed class CountingSet(Action asked) : IReadOnlySet<int>
    {
        public bool Contains(int item)
        {
            asked();
            return false;
        }

        public int Count => 0;
        public IEnumerator<int> GetEnumerator() => Enumerable.Empty<int>().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        public bool IsProperSubsetOf(IEnumerable<int> other) => throw new NotSupportedException();
        public bool IsProperSupersetOf(IEnumerable<int> other) => throw new NotSupportedException();
        public bool IsSubsetOf(IEnumerable<int> other) => throw new NotSupportedException();
        public bool IsSupersetOf(IEnumerable<int> other) => throw new NotSupportedException();
        public bool Overlaps(IEnumerable<int> other) => throw new NotSupportedException();
        public bool SetEquals(IEnumerable<int> other) => throw new NotSupportedException();
    }
}
