namespace ContentGrains.Core.Vectors;

/// <summary>
/// An index whose filtered search for the top k reads one fixed ranked list for the query first, and answers from that
/// list alone whenever k of its items pass the filter (or the list holds every item there is). The exact scan's list is
/// the unfiltered top <see cref="PrefixLength"/> in its order; a graph's is its first over-fetch. A caller that asks about
/// the same query again and again (an item's own vector, for "because you watched") can keep the list and filter it
/// itself: the first k allowed items of the list are then the answer <see cref="IVectorIndex.Search"/> would give.
/// </summary>
public interface IRankedPrefix
{
    /// <summary>How many keys the list for a search of the top <paramref name="k"/> holds at most (k ≥ 1).</summary>
    int PrefixLength(int k);

    /// <summary>
    /// Writes the list for <paramref name="query"/> and a search of the top <paramref name="k"/>, best first, into
    /// <paramref name="keys"/> (at least <see cref="PrefixLength"/> long) and returns how many were written.
    /// <paramref name="complete"/> is true when the list holds every item a search could return, so a filtered answer
    /// shorter than k taken from it is still the search's answer.
    /// </summary>
    int RankedPrefix(ReadOnlySpan<float> query, int k, Span<int> keys, out bool complete);
}
