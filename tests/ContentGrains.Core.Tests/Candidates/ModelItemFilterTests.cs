using ContentGrains.Core.Candidates;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Tests.Feed;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Candidates;

/// <summary>
/// The pool's one test of model items (<see cref="ModelItemFilter"/>) that the index searches share, and the pool's
/// excluded slots read straight from a profile's consumed and disliked maps (<see cref="ExcludedItems"/>).
/// </summary>
public sealed class ModelItemFilterTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(0, 40).Select(i => $"i{i}")];

    /// <summary>i0 … i39; every fourth (i3, i7, …) is app-only.</summary>
    private static readonly Core.Catalog.CatalogSnapshot Catalog =
        Snapshot([.. Ids.Select((id, i) => Item(id, popularity: i, channels: i % 4 == 3 ? ["app"] : null))]);

    [Fact]
    public void A_pool_hands_out_one_filter_per_link_that_follows_the_pool_and_its_exception()
    {
        var model = VectorModels.Of(Ids, VectorModels.Random(40, 8, seed: 5), 8);
        var link = model.LinkTo(Catalog);
        var pool = new CandidatePool(Catalog, new HashSet<string> { "i1" }, "web");

        var filter = pool.ModelItems(link);

        Assert.Same(filter, pool.ModelItems(link));
        Assert.Equal(-1, filter.Except);
        Assert.Equal([false, true, false, true], new[] { 1, 2, 3, 4 }.Select(m => filter.Allows(m))); // i1 excluded, i3 app-only
        filter.Except = 2;
        Assert.False(filter.Allows(2));
        Assert.True(filter.Allows(4));
        filter.Except = -1;
    }

    [Fact]
    public void Neighbours_of_a_recent_item_never_bring_the_item_itself_and_leave_no_exception_behind()
    {
        var model = VectorModels.Of(Ids, VectorModels.Random(40, 8, seed: 6), 8); // no k-NN table: the neighbour lists answer
        var link = model.LinkTo(Catalog);
        var pool = new CandidatePool(Catalog, new HashSet<string>(), null);

        SimilarToRecent.Collect(model, link, ["i10"], recentItems: 1, perItem: 5, pool);

        Assert.Equal(5, pool.Count);
        Assert.DoesNotContain(10, pool.Entries);
        Assert.All(pool.Entries, entry => Assert.Equal("i10", pool.BroughtBy(entry)));
        Assert.Equal(-1, pool.ModelItems(link).Except);
        Assert.True(pool.ModelItems(link).Allows(10)); // the item itself is allowed again for the person's own search
    }

    [Fact]
    public void A_pool_excludes_what_a_profile_consumed_or_disliked_read_from_its_two_maps()
    {
        var consumed = new Dictionary<string, DateTimeOffset> { ["i1"] = Now, ["i5"] = Now, ["not-in-catalog"] = Now };
        var disliked = new Dictionary<string, DateTimeOffset> { ["i5"] = Now, ["i6"] = Now };

        var pool = new CandidatePool(Catalog, new ExcludedItems(consumed, disliked), null);

        Assert.Equal([true, false, true, true, true, false, false, true], Enumerable.Range(0, 8).Select(pool.Allows));
    }
}
