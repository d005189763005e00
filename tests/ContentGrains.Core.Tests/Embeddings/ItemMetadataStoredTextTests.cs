using ContentGrains.Core.Data;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Live;
using ContentGrains.Core.Models;

namespace ContentGrains.Core.Tests.Embeddings;

/// <summary>Live training reads the text vectors stored with the items instead of encoding text again.</summary>
public class ItemMetadataStoredTextTests
{
    private static ModelContext Context(IReadOnlyDictionary<string, float[]> vectors)
    {
        var items = new IdMap();
        foreach (var id in new[] { "a", "b", "c" }) items.GetOrAdd(id);
        var file = CatalogSideFile.From([("a", (IReadOnlyList<string>)["x"]), ("b", ["y"]), ("c", [])]);
        return new ModelContext(new IdMap(), items, ItemFile: file, ItemTextVectors: vectors);
    }

    [Fact]
    public void Stored_vectors_fill_their_items_rows_and_items_without_one_keep_zeros()
    {
        var metadata = ItemMetadata.From(Context(new Dictionary<string, float[]> { ["a"] = [1, 2], ["c"] = [3, 4], ["gone"] = [5, 6] }));

        Assert.Equal(2, metadata.TextDimensions);
        Assert.Equal([1f, 2, 0, 0, 3, 4], metadata.TextVectors);
        Assert.Equal(["x", "y"], metadata.TagNames);
    }

    [Fact]
    public void Vectors_of_different_lengths_are_refused_naming_the_item()
    {
        var error = Assert.Throws<ArgumentException>(() => ItemMetadata.From(Context(new Dictionary<string, float[]> { ["a"] = [1, 2], ["b"] = [3] })));

        Assert.Contains("item b's text vector has 1 dimensions, others 2", error.Message);
    }
}
