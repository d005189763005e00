using ContentGrains.Core.Catalog;

namespace ContentGrains.Core.Live;

/// <summary>
/// The two index spaces the live feed joins: a model's item indices and a catalog view's slots. Items the model
/// knows without catalog metadata cannot be served; catalog items newer than the model have no model score (content
/// match, trending, fresh and exploration still reach them).
/// A view's slots never move, so the join is made once per slot: when a snapshot covers slots the link has not seen,
/// only those are looked up (O(new items)); a catalog refresh costs the link nothing else.
/// </summary>
public sealed class ModelCatalogLink
{
    private readonly Lock extending = new();
    private readonly LiveModel model;
    private int[] modelOfSlot = [];
    private int covered;

    private ModelCatalogLink(LiveModel model, CatalogView view)
    {
        this.model = model;
        View = view;
        CatalogIndexOf = new int[model.ItemIds.Count];
        Array.Fill(CatalogIndexOf, -1);
    }

    /// <summary>The catalog view this link joins; any snapshot of it can use the link.</summary>
    public CatalogView View { get; }

    /// <summary>Per model item: its catalog slot, or -1. A slot may be newer than the snapshot at hand: check it is in range.</summary>
    public int[] CatalogIndexOf { get; }

    /// <summary>The slots joined so far.</summary>
    public int Covered => Volatile.Read(ref covered);

    /// <summary>A catalog slot's model item index, or -1.</summary>
    public int ModelIndexOf(int entry)
    {
        var known = Volatile.Read(ref covered); // read before the array: a slot below it is always in the array read next
        return entry < known ? Volatile.Read(ref modelOfSlot)[entry] : -1;
    }

    public static ModelCatalogLink Between(LiveModel model, CatalogSnapshot catalog)
    {
        var link = new ModelCatalogLink(model, catalog.View);
        link.Cover(catalog);
        return link;
    }

    /// <summary>Joins the slots of <paramref name="catalog"/> not joined yet.</summary>
    public void Cover(CatalogSnapshot catalog)
    {
        if (!ReferenceEquals(catalog.View, View)) throw new ArgumentException("the snapshot comes from another catalog view", nameof(catalog));
        if (catalog.Entries.Count <= Covered) return;
        lock (extending)
        {
            var from = covered;
            var to = catalog.Entries.Count;
            if (to <= from) return;
            var map = modelOfSlot;
            if (to > map.Length) Array.Resize(ref map, Math.Max(to, map.Length * 2));
            for (var slot = from; slot < to; slot++)
            {
                var m = model.IndexOf(catalog.Entries[slot].ItemId);
                map[slot] = m;
                if (m >= 0) CatalogIndexOf[m] = slot;
            }
            Volatile.Write(ref modelOfSlot, map);
            Volatile.Write(ref covered, to);
        }
    }
}
