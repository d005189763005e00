using ContentGrains.Core.Candidates;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Tests.Feed;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Candidates;

/// <summary>The pool and each source on its own, on <see cref="TwoClusters"/> (entries a 0 … f 5, n 6; d is app-only).</summary>
public class CandidateSourcesTests
{
    private static readonly CatalogSnapshot Catalog = TwoClusters.Catalog();

    private static CandidatePool Pool(string? channel = null, params string[] excluded) => new(Catalog, new HashSet<string>(excluded), channel);

    private static string[] Ids(CandidatePool pool) => pool.Entries.Select(e => Catalog.Entries[e].ItemId).ToArray();

    [Fact]
    public void Pool_refuses_excluded_items_and_other_channels_and_keeps_each_entry_once()
    {
        var pool = Pool("web", "a");

        Assert.False(pool.Add(0)); // a: excluded
        Assert.False(pool.Add(3)); // d: app only
        Assert.True(pool.Add(1));
        Assert.False(pool.Add(1));
        Assert.True(pool.Add(6));

        Assert.Equal(["b", "n"], Ids(pool));
        Assert.Equal(2, pool.Count);
        Assert.True(pool.Contains(1));
        Assert.False(pool.Contains(0));
        Assert.False(pool.Allows(0));
        Assert.True(pool.Allows(4));
    }

    [Fact]
    public void Pool_remembers_the_first_recent_item_that_brought_an_entry()
    {
        var pool = Pool();

        pool.Add(1);                 // b from a source with no reason
        pool.Add(1, becauseOf: "a"); // then as a neighbour of a
        pool.Add(1, becauseOf: "c"); // a second neighbour list does not overwrite
        pool.Add(2, becauseOf: "b");

        Assert.Equal("a", pool.BroughtBy(1));
        Assert.Equal("b", pool.BroughtBy(2));
        Assert.Null(pool.BroughtBy(4));
    }

    [Fact]
    public void Trending_walks_the_popularity_order_skipping_what_the_pool_refuses()
    {
        // By popularity: d 8, b 5, n 4, e 3, c 2, a 1, f 0.
        var pool = Pool("web", "b");

        CatalogCandidates.Trending(Catalog, 3, pool);

        Assert.Equal(["n", "e", "c"], Ids(pool));
    }

    [Fact]
    public void Content_match_takes_the_most_popular_items_of_the_strongest_positive_interests()
    {
        var pool = Pool();

        CatalogCandidates.ContentMatch(Catalog, Interests(("drama", 5), ("action", -2), ("comedy", 1), ("unknown", 1)), 2, 2, pool);

        // drama: n 4, c 2 (f 0 beyond 2); action is negative; comedy: b 5, n (already there; it still counts).
        Assert.Equal(["n", "c", "b"], Ids(pool));
    }

    [Fact]
    public void Fresh_takes_the_newest_items_with_a_publish_time()
    {
        var catalog = Snapshot(Item("old", publishedHoursAgo: 48), Item("undated", 8), Item("new", publishedHoursAgo: 1), Item("mid", publishedHoursAgo: 5));
        var pool = new CandidatePool(catalog, new HashSet<string>(), null);

        CatalogCandidates.Fresh(catalog, 2, pool);

        Assert.Equal(["new", "mid"], pool.Entries.Select(e => catalog.Entries[e].ItemId));
    }

    [Fact]
    public void Model_candidates_are_the_best_scores_among_allowed_items_the_catalog_has()
    {
        var model = TwoClusters.Model();
        var withoutB = Snapshot([.. TwoClusters.Entries().Where(e => e.ItemId != "b")]); // a 0, c 1, d 2, e 3, f 4, n 5
        var link = model.LinkTo(withoutB);
        float[] scores = [9, 8, 7, 6, 5, 4]; // a … f
        var pool = new CandidatePool(withoutB, new HashSet<string> { "a" }, "web");

        ModelCandidates.Collect(scores, link, 2, pool);

        // a excluded, b not in the catalog, c 7, d app-only, e 5.
        Assert.Equal(["c", "e"], pool.Entries.Select(e => withoutB.Entries[e].ItemId));
    }

    [Fact]
    public void Similar_to_recent_brings_the_neighbours_of_the_recent_items_it_knows()
    {
        var model = TwoClusters.Model();
        var pool = Pool();

        SimilarToRecent.Collect(model, model.LinkTo(Catalog), ["n", "c", "e", "a"], recentItems: 2, perItem: 1, pool);

        // n is unknown (skipped, not counted); c's best neighbour is b; e's are d and f (tie, d the lower index).
        Assert.Equal(["b", "d"], Ids(pool));
        Assert.Equal(("c", "e"), (pool.BroughtBy(1), pool.BroughtBy(3)));
    }
}
