using System.Text;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Data;

namespace ContentGrains.Core.Live;

/// <summary>
/// The catalog's item tags as a RecBole <c>.item</c> side file (<c>item_id:token</c>, <c>class:token_seq</c>), so the
/// models that read side information offline (content, the hybrid's genre match) read the live catalog the same way.
/// A space inside a tag becomes '_' (token_seq separates tokens by spaces).
/// </summary>
public static class CatalogSideFile
{
    public static AtomicFile From(CatalogSnapshot catalog) => From(catalog.Entries.Select(e => (e.ItemId, e.Tags)));

    public static AtomicFile From(IEnumerable<(string ItemId, IReadOnlyList<string> Tags)> items)
    {
        var text = new StringBuilder("item_id:token\tclass:token_seq\n");
        foreach (var (itemId, tags) in items)
            text.Append(itemId).Append('\t').AppendJoin(' ', tags.Select(t => t.Replace(' ', '_'))).Append('\n');
        return AtomicFile.Parse(new StringReader(text.ToString()));
    }
}
