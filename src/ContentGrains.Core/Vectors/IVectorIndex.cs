namespace ContentGrains.Core.Vectors;

/// <summary>
/// Top-k by inner product over item vectors whose keys are the item indices 0..Count-1. Implementations are safe to
/// search from many threads at once and never change after they are built (a new model builds a new index).
/// </summary>
public interface IVectorIndex
{
    /// <summary>How many vectors the index holds.</summary>
    int Count { get; }

    int Dimensions { get; }

    /// <summary>
    /// Writes the best items for <paramref name="query"/> (highest inner product first) into <paramref name="keys"/>
    /// with their inner products in <paramref name="scores"/>, and returns how many were written: keys.Length when
    /// at least that many items pass <paramref name="allow"/>, else all that pass. <paramref name="allow"/> filters
    /// out excluded items (already seen, off-channel); null allows every item.
    /// </summary>
    int Search(ReadOnlySpan<float> query, Span<int> keys, Span<float> scores, Func<int, bool>? allow = null);
}
