using ContentGrains.Core.Data;
using ContentGrains.Core.Models;
using ContentGrains.Core.Text;

namespace ContentGrains.Core.Embeddings;

/// <summary>
/// What the embedding model's item towers read besides the item id: each item's tags (the side file's tag column) and
/// its text vector (the side file's text columns encoded by an <see cref="ITextEncoder"/>). Items the side file lacks,
/// and every item when there is no side file or no encoder, have no tags or a zero text vector.
/// </summary>
public sealed class ItemMetadata
{
    /// <summary>The side-file column read as tags (RecBole's ml-100k genres; the live catalog's tags).</summary>
    public const string TagField = "class";

    /// <summary>Side-file columns joined, in this order, into an item's text; those the file lacks are skipped.</summary>
    public static readonly IReadOnlyList<string> TextFields = ["movie_title", "title", "release_year"];

    private readonly int[][] tagsOf;

    public ItemMetadata(IReadOnlyList<string> tagNames, int[][] tagsOf, int textDimensions, float[] textVectors)
    {
        if (textVectors.Length != tagsOf.Length * textDimensions)
            throw new ArgumentException($"expected {tagsOf.Length} × {textDimensions} text values, got {textVectors.Length}", nameof(textVectors));
        TagNames = tagNames;
        this.tagsOf = tagsOf;
        TextDimensions = textDimensions;
        TextVectors = textVectors;
    }

    public int ItemCount => tagsOf.Length;

    public IReadOnlyList<string> TagNames { get; }

    /// <summary>Length of a text vector; 0 when the items have no text vectors.</summary>
    public int TextDimensions { get; }

    /// <summary>Items × <see cref="TextDimensions"/>, row-major; an item without text has a zero row.</summary>
    public float[] TextVectors { get; }

    /// <summary>The tag indices of an item, ascending and distinct.</summary>
    public ReadOnlySpan<int> TagsOf(int item) => tagsOf[item];

    public ReadOnlySpan<float> TextOf(int item) => TextVectors.AsSpan(item * TextDimensions, TextDimensions);

    /// <summary>Metadata for <paramref name="items"/> with no tags and no text (a side-file-less data set).</summary>
    public static ItemMetadata None(int items) => new([], Enumerable.Repeat(Array.Empty<int>(), items).ToArray(), 0, []);

    /// <summary>The metadata of the context's items from its item side file, text encoded by its encoder.</summary>
    public static ItemMetadata From(ModelContext context)
    {
        if (context.ItemFile is not { } file)
            return None(context.Items.Count);
        var (tagNames, tagsOf) = ReadTags(file, context.Items);
        if (context.ItemTextVectors is { Count: > 0 } stored)
            return FromStored(tagNames, tagsOf, context.Items, stored);
        var encoder = context.TextEncoder;
        if (encoder is null || !TextFields.Any(field => file.ColumnOf(field) >= 0))
            return new ItemMetadata(tagNames, tagsOf, 0, []);
        return new ItemMetadata(tagNames, tagsOf, encoder.Dimensions, EncodeTexts(file, context.Items, encoder));
    }

    private static (string[] Names, int[][] TagsOf) ReadTags(AtomicFile file, IdMap items)
    {
        var tagsOf = Enumerable.Repeat(Array.Empty<int>(), items.Count).ToArray();
        var tagColumn = file.ColumnOf(TagField);
        if (tagColumn < 0)
            return ([], tagsOf);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < file.RowCount; row++)
            names.UnionWith(file.TokenSequence(row, tagColumn));
        var nameList = names.ToArray();
        for (var row = 0; row < file.RowCount; row++)
        {
            if (items.TryGetIndex(file.Token(row, 0), out var item))
                tagsOf[item] = file.TokenSequence(row, tagColumn).Select(t => Array.BinarySearch(nameList, t, StringComparer.Ordinal)).Distinct().Order().ToArray();
        }
        return (nameList, tagsOf);
    }

    /// <summary>Text vectors computed when the items were stored (live); items without one keep a zero row.</summary>
    private static ItemMetadata FromStored(string[] tagNames, int[][] tagsOf, IdMap items, IReadOnlyDictionary<string, float[]> stored)
    {
        var dimensions = stored.Values.First().Length;
        var vectors = new float[items.Count * dimensions];
        for (var item = 0; item < items.Count; item++)
        {
            if (!stored.TryGetValue(items.IdOf(item), out var vector)) continue;
            if (vector.Length != dimensions)
                throw new ArgumentException($"item {items.IdOf(item)}'s text vector has {vector.Length} dimensions, others {dimensions}", nameof(stored));
            vector.CopyTo(vectors.AsSpan(item * dimensions, dimensions));
        }
        return new ItemMetadata(tagNames, tagsOf, dimensions, vectors);
    }

    private static float[] EncodeTexts(AtomicFile file, IdMap items, ITextEncoder encoder)
    {
        var columns = TextFields.Select(file.ColumnOf).Where(column => column >= 0).ToArray();
        var rows = new List<(int Item, string Text)>();
        for (var row = 0; row < file.RowCount; row++)
        {
            if (!items.TryGetIndex(file.Token(row, 0), out var item))
                continue;
            var text = string.Join(' ', columns.Select(column => file.Token(row, column)).Where(cell => cell.Length > 0));
            if (text.Length > 0)
                rows.Add((item, text));
        }
        var vectors = new float[items.Count * encoder.Dimensions];
        var encoded = encoder.Encode(rows.Select(r => r.Text).ToArray());
        for (var i = 0; i < rows.Count; i++)
            encoded[i].CopyTo(vectors.AsSpan(rows[i].Item * encoder.Dimensions, encoder.Dimensions));
        return vectors;
    }
}
