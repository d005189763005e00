using ContentGrains.Core.Catalog;
using ContentGrains.Core.Live;
using ContentGrains.Core.Tests.Feed;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Live;

public class ModelCatalogLinkTests
{
    private static readonly LiveModel Model = TwoClusters.Model(); // a 0, b 1, c 2, d 3, e 4, f 5

    [Fact]
    public void Links_both_index_spaces_with_items_missing_on_either_side()
    {
        // The catalog lacks d and f (model only) and has n and x (catalog only), in its own order.
        var catalog = Snapshot(Item("c"), Item("n"), Item("a"), Item("e"), Item("x"), Item("b"));

        var link = ModelCatalogLink.Between(Model, catalog);

        Assert.Equal([2, -1, 0, 4, -1, 1], link.ModelIndexOf);       // per catalog entry
        Assert.Equal([2, 5, 0, -1, 3, -1], link.CatalogIndexOf);     // per model item
        Assert.Same(catalog, link.Catalog);
    }

    [Fact]
    public void Empty_catalog_links_nothing()
    {
        var link = ModelCatalogLink.Between(Model, CatalogSnapshot.Empty);

        Assert.Empty(link.ModelIndexOf);
        Assert.Equal(Enumerable.Repeat(-1, 6), link.CatalogIndexOf);
    }

    [Fact]
    public void Link_is_cached_per_snapshot_instance()
    {
        var model = TwoClusters.Model();
        var first = TwoClusters.Catalog();
        var second = TwoClusters.Catalog(); // equal content, another instance

        var link = model.LinkTo(first);

        Assert.Same(link, model.LinkTo(first));
        var other = model.LinkTo(second);
        Assert.NotSame(link, other);
        Assert.Same(second, other.Catalog);
        Assert.Equal(link.ModelIndexOf, other.ModelIndexOf);
        Assert.Same(other, model.LinkTo(second));
        // Only the last snapshot is remembered: going back builds a new link.
        Assert.NotSame(link, model.LinkTo(first));
    }
}
