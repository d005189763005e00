using System.Buffers;
using ContentGrains.Core.Evaluation;

namespace ContentGrains.Core.Vectors;

/// <summary>
/// An index that scores every row for each query (<see cref="Score"/>: a SIMD dot product per row, or an 8-bit estimate)
/// and then selects the best k with the project's partial selection (<see cref="TopK"/>). Cost grows with Count ×
/// Dimensions per query, so scans serve catalogs below the graph's range. Ties keep the lower key first. The order is
/// total (score, then key), so a filtered top k is the first k allowed keys of the unfiltered order:
/// <see cref="IRankedPrefix"/> hands out a prefix of that order for callers that keep it.
/// </summary>
public abstract class ScanVectorIndex : IVectorIndex, IRankedPrefix
{
    /// <summary>The prefix kept per query is this many times k long, so a filter may refuse most of it and still leave k.</summary>
    public const int PrefixPerK = 4;

    protected ScanVectorIndex(int count, int dimensions) => (Count, Dimensions) = (count, dimensions);

    public int Count { get; }
    public int Dimensions { get; }

    public int Search(ReadOnlySpan<float> query, Span<int> keys, Span<float> scores, Func<int, bool>? allow = null)
    {
        VectorArguments.CheckSearch(query, keys, scores, Dimensions);
        if (keys.Length == 0 || Count == 0) return 0;
        var all = ArrayPool<float>.Shared.Rent(Count);
        try
        {
            var scored = all.AsSpan(0, Count);
            Score(query, scored);
            var k = Math.Min(keys.Length, Count);
            var found = allow is null ? -1 : FilterPrefix(scored, keys[..k], allow);
            // The filter runs inside the selection, on the items that would enter the top K, not on every row.
            if (found < 0) found = TopK.Select(scored, keys[..k], allow);
            for (var i = 0; i < found; i++) scores[i] = scored[keys[i]];
            return found;
        }
        finally { ArrayPool<float>.Shared.Return(all); }
    }

    /// <summary>Every row's score for the query, into <paramref name="scored"/> (Count values; the filter is applied by the selection, not here).</summary>
    protected abstract void Score(ReadOnlySpan<float> query, Span<float> scored);

    /// <summary>
    /// A filtered top k is the first k allowed keys of the unfiltered order (it is total: score, then key), so the
    /// unfiltered top 2k is selected first (no filter asked) and filtered: 2k questions instead of one for every row that
    /// would enter the best k, which is nearly every row when scores rise along the keys (a catalog laid out by topic).
    /// Returns −1 when fewer than k of the 2k pass and rows remain beyond them: the caller then selects with the filter.
    /// </summary>
    private static int FilterPrefix(ReadOnlySpan<float> scored, Span<int> keys, Func<int, bool> allow)
    {
        var k = keys.Length;
        var length = Math.Min(scored.Length, 2 * k);
        var prefix = ArrayPool<int>.Shared.Rent(length);
        try
        {
            var ranked = TopK.Select(scored, prefix.AsSpan(0, length));
            var found = 0;
            for (var i = 0; i < ranked && found < k; i++)
                if (allow(prefix[i])) keys[found++] = prefix[i];
            // Fewer than asked from a prefix that holds every finite row is the whole answer too.
            return found == k || ranked < length || length == scored.Length ? found : -1;
        }
        finally { ArrayPool<int>.Shared.Return(prefix); }
    }

    public int PrefixLength(int k) => Math.Min(Count, PrefixPerK * Math.Max(k, 1));

    public int RankedPrefix(ReadOnlySpan<float> query, int k, Span<int> keys, out bool complete)
    {
        var length = PrefixLength(k);
        Span<float> scores = length <= 1024 ? stackalloc float[length] : new float[length];
        var found = Search(query, keys[..length], scores);
        // Fewer than asked: no other row has a finite score. As many as there are rows: every row is in it.
        complete = found < length || length == Count;
        return found;
    }
}
