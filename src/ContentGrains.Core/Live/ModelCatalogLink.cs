using ContentGrains.Core.Catalog;

namespace ContentGrains.Core.Live;

/// <summary>
/// The two index spaces the live feed joins: a model's item indices and a catalog snapshot's entry indices.
/// Items the model knows without catalog metadata cannot be served; catalog items newer than the model have no
/// model score (content match, trending, fresh and exploration still reach them).
/// </summary>
public sealed class ModelCatalogLink
{
    private ModelCatalogLink(CatalogSnapshot catalog, int[] catalogOfModel, int[] modelOfCatalog)
    {
        Catalog = catalog;
        CatalogIndexOf = catalogOfModel;
        ModelIndexOf = modelOfCatalog;
    }

    public CatalogSnapshot Catalog { get; }

    /// <summary>Per model item: its catalog entry index, or -1.</summary>
    public int[] CatalogIndexOf { get; }

    /// <summary>Per catalog entry: its model item index, or -1.</summary>
    public int[] ModelIndexOf { get; }

    public static ModelCatalogLink Between(LiveModel model, CatalogSnapshot catalog)
    {
        var modelOfCatalog = new int[catalog.Entries.Count];
        var catalogOfModel = new int[model.ItemIds.Count];
        Array.Fill(catalogOfModel, -1);
        for (var c = 0; c < modelOfCatalog.Length; c++)
        {
            var m = model.IndexOf(catalog.Entries[c].ItemId);
            modelOfCatalog[c] = m;
            if (m >= 0) catalogOfModel[m] = c;
        }
        return new ModelCatalogLink(catalog, catalogOfModel, modelOfCatalog);
    }
}
