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

        Assert.Equal([2, -1, 0, 4, -1, 1], Enumerable.Range(0, 6).Select(link.ModelIndexOf)); // per catalog entry
        Assert.Equal([2, 5, 0, -1, 3, -1], link.CatalogIndexOf);     // per model item
        Assert.Same(catalog.View, link.View);
        Assert.Equal(6, link.Covered);
    }

    [Fact]
    public void Empty_catalog_links_nothing()
    {
        var link = ModelCatalogLink.Between(Model, CatalogSnapshot.Empty);

        Assert.Equal(0, link.Covered);
        Assert.Equal(-1, link.ModelIndexOf(0));
        Assert.Equal(Enumerable.Repeat(-1, 6), link.CatalogIndexOf);
    }

    [Fact]
    public void Link_is_kept_per_catalog_view_and_extended_only_by_the_slots_a_refresh_adds()
    {
        var model = TwoClusters.Model();
        var view = new CatalogView(TrendHalfLife, new CatalogViewSettings());
        view.ApplyAll([Item("c"), Item("n")]);
        var first = view.Publish(Now);

        var link = model.LinkTo(first);
        Assert.Equal(2, link.Covered);
        Assert.Equal([-1, -1, 0, -1, -1, -1], link.CatalogIndexOf);

        view.Apply(Item("a", popularity: 5)); // a new item gets slot 2
        view.Apply(Item("c", popularity: 9)); // a change to a known one keeps its slot
        var second = view.Publish(Now);

        Assert.NotSame(first, second);
        Assert.Same(link, model.LinkTo(second));               // the same join, extended: no rebuild per refresh
        Assert.Equal(3, link.Covered);
        Assert.Equal([2, -1, 0, -1, -1, -1], link.CatalogIndexOf);
        Assert.Equal([2, -1, 0], Enumerable.Range(0, 3).Select(link.ModelIndexOf));
        Assert.Same(link, model.LinkTo(first));                 // an older snapshot of the same view still joins
        // Another view (another silo, a test's own snapshot) gets its own join.
        Assert.NotSame(link, model.LinkTo(TwoClusters.Catalog()));
    }

    [Fact]
    public void A_model_slot_newer_than_the_snapshot_is_not_offered()
    {
        var view = new CatalogView(TrendHalfLife, new CatalogViewSettings());
        view.Apply(Item("c"));
        var old = view.Publish(Now);
        view.Apply(Item("a"));
        var link = Model.LinkTo(view.Publish(Now)); // the link covers a (slot 1); the old snapshot does not

        var pool = new ContentGrains.Core.Candidates.CandidatePool(old, new HashSet<string>(), null);

        Assert.Equal(1, link.CatalogIndexOf[0]);
        Assert.False(pool.Allows(link.CatalogIndexOf[0]));
        Assert.True(pool.Allows(0));
    }
}
