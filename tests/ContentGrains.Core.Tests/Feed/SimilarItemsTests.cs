using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Live;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// On <see cref="TwoClusters"/>: popularity a 1, b 5, c 2, d 8 (app only), e 3, f 0, n 4; tags a b {comedy},
/// c n {comedy, drama}, d e {action}, f {action, drama}.
/// </summary>
public class SimilarItemsTests
{
    private static readonly LiveModel Knn = TwoClusters.Model();
    private static readonly CatalogSnapshot Items = TwoClusters.Catalog();

    private static (string Id, double Score, string Reason)[] Rows(IReadOnlyList<RankedItem>? items) =>
        items!.Select(r => (r.ItemId, Math.Round(r.Score, 5), r.Reason)).ToArray();

    [Fact]
    public void Model_neighbours_come_first_then_items_sharing_tags()
    {
        var similar = SimilarItems.Find(Items, Knn, "a", 4, null);

        Assert.Equal(
            [
                ("b", Math.Round(TwoClusters.Cosine, 5), "often watched with Alpha"),
                ("c", 0.5, "often watched with Alpha"),
                ("n", 0.5, "shares tags with Alpha"), // Jaccard {comedy} vs {comedy, drama}
            ],
            Rows(similar));
        Assert.Equal(["b"], SimilarItems.Find(Items, Knn, "a", 1, null)!.Select(r => r.ItemId));
    }

    [Fact]
    public void An_item_the_model_lacks_gets_neighbours_by_shared_tags()
    {
        // n {comedy, drama}: c 1, b 1/2 (popularity 5), a 1/2 (popularity 1), f 1/3.
        var similar = SimilarItems.Find(Items, Knn, "n", 4, null);

        Assert.Equal(
            [
                ("c", 1.0, "shares tags with November"),
                ("b", 0.5, "shares tags with November"),
                ("a", 0.5, "shares tags with November"),
                ("f", 0.33333, "shares tags with November"),
            ],
            Rows(similar));
    }

    [Fact]
    public void Without_a_model_every_neighbour_comes_from_shared_tags()
    {
        Assert.Equal(
            [("b", 1.0, "shares tags with Alpha"), ("n", 0.5, "shares tags with Alpha"), ("c", 0.5, "shares tags with Alpha")],
            Rows(SimilarItems.Find(Items, null, "a", 10, null)));
    }

    [Fact]
    public void An_item_only_the_model_knows_is_named_by_its_id()
    {
        var withoutF = Snapshot([.. TwoClusters.Entries().Where(e => e.ItemId != "f")]);

        Assert.Equal(
            [("e", Math.Round(TwoClusters.Cosine, 5), "often watched with f"), ("d", 0.5, "often watched with f")],
            Rows(SimilarItems.Find(withoutF, Knn, "f", 10, null)));
    }

    [Fact]
    public void An_item_nobody_knows_has_no_list()
    {
        Assert.Null(SimilarItems.Find(Items, Knn, "zzz", 10, null));
        Assert.Null(SimilarItems.Find(Items, null, "zzz", 10, null));
    }

    [Fact]
    public void Neighbours_must_fit_the_channel()
    {
        // e's neighbours d and f tie on the cosine (d first, the lower index); d is app-only, for model and tags alike.
        Assert.Equal(["f"], SimilarItems.Find(Items, Knn, "e", 10, "web")!.Select(r => r.ItemId));
        Assert.Equal(["d", "f"], SimilarItems.Find(Items, Knn, "e", 10, "APP")!.Select(r => r.ItemId));
    }

    [Fact]
    public void Trending_is_by_popularity_and_leaves_out_items_with_none()
    {
        Assert.Equal(
            [new RankedItem("d", 8, "trending now"), new RankedItem("b", 5, "trending now"), new RankedItem("n", 4, "trending now")],
            SimilarItems.Trending(Items, 3, null));
        Assert.Equal(["d", "b", "n", "e", "c", "a"], SimilarItems.Trending(Items, 10, null).Select(r => r.ItemId));
        Assert.Equal(["b", "n", "e"], SimilarItems.Trending(Items, 3, "Web").Select(r => r.ItemId));
    }
}
