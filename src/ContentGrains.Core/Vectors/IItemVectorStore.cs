namespace ContentGrains.Core.Vectors;

/// <summary>
/// Each item's text vector, kept with the hash of the text it encodes, so unchanged text is never encoded twice.
/// Reads for the trainer come in pages ordered by item id (ordinal), never all at once.
/// </summary>
public interface IItemVectorStore
{
    /// <summary>The stored text hash of each of <paramref name="itemIds"/> that has a vector; missing ids are absent.</summary>
    Task<IReadOnlyDictionary<string, long>> GetTextHashesAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellation = default);

    /// <summary>Inserts or replaces the vectors, in one transaction.</summary>
    Task UpsertAsync(IReadOnlyList<ItemTextVector> vectors, CancellationToken cancellation = default);

    /// <summary>Removes the vectors of items that no longer have text; unknown ids are ignored.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellation = default);

    Task<ItemTextVector?> GetAsync(string itemId, CancellationToken cancellation = default);

    /// <summary>Up to <paramref name="limit"/> vectors with item ids ordinally after <paramref name="afterItemId"/> (null: from the start).</summary>
    Task<IReadOnlyList<ItemTextVector>> ReadPageAsync(string? afterItemId, int limit, CancellationToken cancellation = default);

    Task<long> CountAsync(CancellationToken cancellation = default);
}

/// <summary>An item's text vector and the hash (<see cref="Text.ItemText.Hash"/>) of the text it was computed from.</summary>
public sealed record ItemTextVector(string ItemId, long TextHash, float[] Vector);
