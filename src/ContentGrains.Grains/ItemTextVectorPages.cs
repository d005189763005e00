using ContentGrains.Core.Vectors;

namespace ContentGrains.Grains;

/// <summary>
/// The stored item text vectors for a training run, read in pages of <see cref="PageSize"/> (never one query over the
/// whole table). What they hold is the run's: 384 floats per item with text (1.5 KB), 150 MB at 100,000 items.
/// </summary>
public static class ItemTextVectorPages
{
    public const int PageSize = 1000;

    public static async Task<IReadOnlyDictionary<string, float[]>> ReadAllAsync(IItemVectorStore store, CancellationToken cancellation)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = await store.ReadPageAsync(after, PageSize, cancellation);
            foreach (var row in page) vectors[row.ItemId] = row.Vector;
            if (page.Count < PageSize) return vectors;
            after = page[^1].ItemId;
        }
    }
}
