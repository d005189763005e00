using System.Buffers;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Live;

/// <summary>
/// "Because you watched X" without searching the index for X on every feed: the first time an item's neighbours are
/// asked for, its vector's ranked list (<see cref="IRankedPrefix"/>: the exact order's top 4k, or the graph's first
/// over-fetch) is kept, and later asks filter that list. The answer is the one the index's own filtered search gives, by
/// the prefix contract; when the feed's filter leaves fewer than k of a list that does not hold every item, the ask
/// falls back to that search. So an exact index no longer scans the catalog once per recent item per feed, only once per
/// item (and per fallback). Lists are made for one k (the first one asked: the feed's SimilarPerRecentItem); other k,
/// and indexes without the prefix contract, search as before. At most <see cref="MaxLists"/> lists are kept (about
/// 200 bytes each at k = 20), so the memory is bounded whatever the catalog; items beyond it search as before.
/// </summary>
public sealed class NeighbourLists
{
    public const int MaxLists = 1 << 18;

    private readonly EmbeddingModel model;
    private readonly IVectorIndex index;
    private readonly IRankedPrefix? prefix;
    private readonly int[]?[] lists;
    private readonly bool[] complete;
    private int listK; // 0 until the first ask fixes it
    private int kept;

    public NeighbourLists(EmbeddingModel model, IVectorIndex index)
    {
        this.model = model;
        this.index = index;
        prefix = index as IRankedPrefix;
        lists = prefix is null ? [] : new int[]?[index.Count];
        complete = prefix is null ? [] : new bool[index.Count];
    }

    /// <summary>How many items' lists are kept now.</summary>
    public int Kept => Volatile.Read(ref kept);

    /// <summary>
    /// The top <paramref name="keys"/>.Length items by inner product with <paramref name="item"/>'s vector that
    /// <paramref name="allow"/> accepts, best first, as <see cref="IVectorIndex.Search"/> answers; returns how many.
    /// </summary>
    /// <param name="beyondList">Whether to search the index when the kept list holds too few allowed items. A section
    /// feed (<see cref="Candidates.ItemFilter.Restricts"/>) says no: a small section would make that search read rows
    /// until it found enough, up to the whole catalog.</param>
    public int Search(int item, Span<int> keys, Func<int, bool> allow, bool beyondList = true)
    {
        var k = keys.Length;
        if (k == 0) return 0;
        var list = ListOf(item, k);
        if (list is not null)
        {
            var found = 0;
            foreach (var key in list)
            {
                if (!allow(key)) continue;
                keys[found++] = key;
                if (found == k) return found;
            }
            if (Volatile.Read(ref complete[item]) || !beyondList) return found;
        }
        if (!beyondList) return 0;
        var scores = ArrayPool<float>.Shared.Rent(k);
        try { return index.Search(model.ItemVectorOf(item), keys, scores.AsSpan(0, k), allow); }
        finally { ArrayPool<float>.Shared.Return(scores); }
    }

    /// <summary>
    /// Makes the lists for k of items 0 … <paramref name="items"/> − 1 now (those not made yet, up to <see cref="MaxLists"/>),
    /// on <paramref name="threads"/> threads, so that feeds on a model just loaded find them kept: otherwise every item's
    /// first ask after a swap or a silo start costs a feed one exact scan of the catalog or one graph walk, and the feeds
    /// of a model's first minutes pay ten of them each. Returns how many lists were made; none when k is not the k
    /// fixed by an earlier ask, or the index keeps no lists.
    /// </summary>
    public int Prepare(int k, int items, int threads)
    {
        if (prefix is null || k <= 0) return 0;
        if (Interlocked.CompareExchange(ref listK, k, 0) is var fixedK && fixedK != 0 && fixedK != k) return 0;
        var before = Kept;
        Parallel.For(0, Math.Min(items, lists.Length), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, (item, loop) =>
        {
            if (Volatile.Read(ref kept) >= MaxLists) loop.Stop();
            else ListOf(item, k);
        });
        return Kept - before;
    }

    /// <summary>The kept list of <paramref name="item"/> for k, made now if it is the first ask; null when none may be kept.</summary>
    private int[]? ListOf(int item, int k)
    {
        if (prefix is null || (uint)item >= (uint)lists.Length) return null;
        if (Interlocked.CompareExchange(ref listK, k, 0) is var fixedK && fixedK != 0 && fixedK != k) return null;
        var list = Volatile.Read(ref lists[item]);
        if (list is not null || Volatile.Read(ref kept) >= MaxLists) return list;
        var buffer = new int[prefix.PrefixLength(k)];
        var found = prefix.RankedPrefix(model.ItemVectorOf(item), k, buffer, out var all);
        list = found == buffer.Length ? buffer : buffer[..found];
        Volatile.Write(ref complete[item], all); // before the list: a reader that sees the list sees its flag
        // Two feeds may make the same list at once: both are the same, and only the first one counts as kept.
        if (Interlocked.CompareExchange(ref lists[item], list, null) is null) Interlocked.Increment(ref kept);
        return list;
    }
}
