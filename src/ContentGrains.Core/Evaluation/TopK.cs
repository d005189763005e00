using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ContentGrains.Core.Evaluation;

/// <summary>
/// Partial selection of the K highest scores without sorting everything: one pass keeping a sorted buffer of
/// at most K entries (K is small, ≤ a few dozen). Items scored −∞ or NaN are treated as excluded.
/// Ties keep the lower item index first.
/// </summary>
public static class TopK
{
    /// <summary>Writes the best items, best first, into <paramref name="items"/> and returns how many were written.</summary>
    public static int Select(ReadOnlySpan<float> scores, Span<int> items) => Select(scores, items, allow: null);

    /// <summary>
    /// The best items among those <paramref name="allow"/> accepts: the same answer as scoring the refused ones −∞,
    /// but the filter is asked only about an item that would enter the current best K (about K·(1 + ln(n/K)) of n
    /// items in random order), or on a long list only about the unfiltered best K + K/4 + 16 in order
    /// (<see cref="SelectThenFilter"/>), since a filter costs far more than a score check (a hash lookup of the item's id).
    /// </summary>
    public static int Select(ReadOnlySpan<float> scores, Span<int> items, Func<int, bool>? allow)
    {
        var k = items.Length;
        if (k == 0)
            return 0;
        if (k <= InsertionLimit) return SelectByInsertion(scores, items, allow);
        if (scores.Length >= ThresholdMinRowsPerK * k
            && (allow is null ? SelectByThreshold(scores, items) : SelectThenFilter(scores, items, allow)) is var found and >= 0) return found;
        return SelectByHeap(scores, items, allow);
    }

    /// <summary>
    /// A filtered top K of a long list where the filter refuses few (a person's seen items): the unfiltered best
    /// K + K/4 + 16 by threshold, then the filter asked about them in order until K pass. Any allowed entry outside them
    /// ranks below all of them, so the answer is the heap's; −1 when fewer than K of them pass and more entries remain (the
    /// caller then runs the filtered heap). The heap asked the filter about every entry that would enter its best K, each a
    /// random read of catalog-sized arrays: at 1M items most of the feed's retrieval time (session 20's profile).
    /// </summary>
    private static int SelectThenFilter(ReadOnlySpan<float> scores, Span<int> items, Func<int, bool> allow)
    {
        var k = items.Length;
        var wider = Math.Min(scores.Length, k + k / 4 + 16);
        var best = System.Buffers.ArrayPool<int>.Shared.Rent(wider);
        try
        {
            var selected = SelectByThreshold(scores, best.AsSpan(0, wider));
            if (selected < 0) selected = SelectByHeap(scores, best.AsSpan(0, wider), allow: null);
            var found = 0;
            for (var i = 0; i < selected && found < k; i++)
                if (allow(best[i])) items[found++] = best[i];
            return found == k || selected < wider ? found : -1; // fewer selected than asked: no entry is left unseen
        }
        finally { System.Buffers.ArrayPool<int>.Shared.Return(best); }
    }

    /// <summary>Without a filter, a catalog at least this many times K long is selected by a threshold first (<see cref="SelectByThreshold"/>).</summary>
    public const int ThresholdMinRowsPerK = 8;

    private const int SampleStride = 8;

    /// <summary>
    /// The same answer as the heap for an unfiltered top K of a long list, with less work: a threshold is read off a
    /// sample of one entry in each 8 (at a hashed place in its 8): its best K/8 · 1.25 + 4 entries, about 1.25 K expected
    /// above it in the whole list. One pass keeps
    /// every entry at or above it, and only those are sorted. The top K is among them whenever at least K are kept (the
    /// K-th best is then at or above the threshold); otherwise −1, and the caller uses the heap. The feed's unfiltered
    /// top 400 of 10,000 scores spent 9 % of the silo's CPU in the heap (session 17's perf profile).
    /// </summary>
    internal static int SelectByThreshold(ReadOnlySpan<float> scores, Span<int> items)
    {
        var k = items.Length;
        var sampleCount = (scores.Length + SampleStride - 1) / SampleStride;
        var sampleK = Math.Min(sampleCount, k / SampleStride + k / (4 * SampleStride) + 4);
        var pool = System.Buffers.ArrayPool<float>.Shared;
        var sample = pool.Rent(sampleCount);
        var sampleTop = System.Buffers.ArrayPool<int>.Shared.Rent(sampleK);
        ulong[]? kept = null;
        try
        {
            for (var i = 0; i < sampleCount; i++) sample[i] = scores[Math.Min(scores.Length - 1, i * SampleStride + Jitter(i))];
            var sampled = SelectByHeap(sample.AsSpan(0, sampleCount), sampleTop.AsSpan(0, sampleK), allow: null);
            if (sampled < sampleK) return -1; // too few finite scores to set a threshold
            var threshold = sample[sampleTop[sampled - 1]];

            var limit = 4 * k;
            kept = System.Buffers.ArrayPool<ulong>.Shared.Rent(limit);
            var count = KeepAtOrAbove(scores, threshold, kept.AsSpan(0, limit));
            if (count < k) return -1; // too few kept, or −1: a threshold far too low (many equal scores), the heap bounds the work
            Array.Sort(kept, 0, count);
            for (var i = 0; i < k; i++) items[i] = (int)(uint)kept[i];
            return k;
        }
        finally
        {
            pool.Return(sample);
            System.Buffers.ArrayPool<int>.Shared.Return(sampleTop);
            if (kept is not null) System.Buffers.ArrayPool<ulong>.Shared.Return(kept);
        }
    }

    /// <summary>
    /// Where in its block of <see cref="SampleStride"/> the i-th sample is read: the top bits of a multiplicative hash,
    /// so the sample does not share a period with the list. Every 8th entry of a catalog laid out by topic in turn (item i
    /// in topic i mod 100) saw only a quarter of the topics, and the threshold it gave missed for most queries of
    /// bench/feed-cost, each miss paying for the heap as well (session 18).
    /// </summary>
    private static int Jitter(int i) => (int)(((uint)i * 2654435761u) >> 29);

    /// <summary>
    /// The order keys of every finite entry at or above <paramref name="threshold"/>, in index order, into
    /// <paramref name="kept"/>; returns how many, or −1 when they do not fit. Eight scores are compared at once: about
    /// one in eight clears the threshold, and the scalar loop's unpredictable branch per entry was most of the pass.
    /// </summary>
    private static int KeepAtOrAbove(ReadOnlySpan<float> scores, float threshold, Span<ulong> kept)
    {
        var count = 0;
        var item = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var bar = Vector256.Create(threshold);
            ref var first = ref MemoryMarshal.GetReference(scores);
            for (; item + Vector256<float>.Count <= scores.Length; item += Vector256<float>.Count)
            {
                // NaN compares false, as in the scalar test below.
                var above = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref first, (nuint)item), bar).ExtractMostSignificantBits();
                for (; above != 0; above &= above - 1)
                    if (!Keep(scores, item + BitOperations.TrailingZeroCount(above), kept, ref count)) return -1;
            }
        }
        for (; item < scores.Length; item++)
            if (scores[item] >= threshold && !Keep(scores, item, kept, ref count)) return -1;
        return count;
    }

    private static bool Keep(ReadOnlySpan<float> scores, int item, Span<ulong> kept, ref int count)
    {
        var score = scores[item];
        if (float.IsNegativeInfinity(score)) return true; // excluded, as everywhere here
        if (count == kept.Length) return false;
        kept[count++] = OrderKey(score, item);
        return true;
    }

    /// <summary>
    /// A key whose ascending order is the selection's order: the higher score first, of equal scores the lower index.
    /// The score's bits are made order-preserving as an unsigned number (negatives flipped whole, positives' sign bit
    /// set) and inverted; −0 counts as +0, as the float comparison has them equal.
    /// </summary>
    private static ulong OrderKey(float score, int item)
    {
        if (score == 0) score = 0; // −0 → +0
        var bits = (uint)BitConverter.SingleToInt32Bits(score);
        var ascending = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        return ((ulong)~ascending << 32) | (uint)item;
    }

    /// <summary>
    /// Up to this K the best K are kept sorted by insertion (a few moves each); beyond it in a heap, since an insertion
    /// moves up to K entries and scores arriving in rising order (a catalog laid out by topic) insert almost every item:
    /// the feed's top 200 cost O(n·K) moves that way. Both give the same items in the same order and ask the filter
    /// about the same items.
    /// </summary>
    public const int InsertionLimit = 32;

    private static int SelectByInsertion(ReadOnlySpan<float> scores, Span<int> items, Func<int, bool>? allow)
    {
        var k = items.Length;
        Span<float> best = stackalloc float[k];
        var count = 0;

        for (var item = 0; item < scores.Length; item++)
        {
            var score = scores[item];
            if (float.IsNaN(score) || float.IsNegativeInfinity(score))
                continue;
            if (count == k && score <= best[k - 1])
                continue; // not strictly better than the current K-th: an equal score loses to the lower index
            if (allow is not null && !allow(item))
                continue;

            // Insert after every entry scoring >= score, so earlier (lower) indices win ties.
            var position = count == k ? k - 1 : count;
            while (position > 0 && best[position - 1] < score)
            {
                best[position] = best[position - 1];
                items[position] = items[position - 1];
                position--;
            }
            best[position] = score;
            items[position] = item;
            if (count < k)
                count++;
        }
        return count;
    }

    /// <summary>
    /// The same selection with the best K in a binary heap whose root is the worst kept entry (lowest score; of equal
    /// scores the higher index, which arrived later): an item enters when it beats the root, as it beats the K-th
    /// entry of the sorted buffer, and evicts it. The kept entries are sorted best first at the end.
    /// </summary>
    private static int SelectByHeap(ReadOnlySpan<float> scores, Span<int> items, Func<int, bool>? allow)
    {
        var k = items.Length;
        var heapScores = System.Buffers.ArrayPool<float>.Shared.Rent(k);
        try
        {
            var count = 0;
            for (var item = 0; item < scores.Length; item++)
            {
                var score = scores[item];
                if (float.IsNaN(score) || float.IsNegativeInfinity(score))
                    continue;
                if (count == k && score <= heapScores[0])
                    continue; // not strictly better than the worst kept: an equal score loses to the lower index
                if (allow is not null && !allow(item))
                    continue;
                if (count < k)
                    SiftUp(heapScores, items, count++, score, item);
                else
                    SiftDown(heapScores, items, count, score, item);
            }
            // Take the worst out one at a time into the last free place: best first, ties by lower index.
            for (var last = count - 1; last > 0; last--)
            {
                var (worstScore, worstItem) = (heapScores[0], items[0]);
                SiftDown(heapScores, items, last, heapScores[last], items[last]);
                (heapScores[last], items[last]) = (worstScore, worstItem);
            }
            return count;
        }
        finally { System.Buffers.ArrayPool<float>.Shared.Return(heapScores); }
    }

    /// <summary>True when entry a ranks below entry b: a lower score, or an equal score and a higher index.</summary>
    private static bool Worse(float scoreA, int itemA, float scoreB, int itemB) => scoreA < scoreB || (scoreA == scoreB && itemA > itemB);

    private static void SiftUp(float[] scores, Span<int> items, int at, float score, int item)
    {
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Worse(score, item, scores[parent], items[parent])) break;
            (scores[at], items[at]) = (scores[parent], items[parent]);
            at = parent;
        }
        (scores[at], items[at]) = (score, item);
    }

    /// <summary>Puts (score, item) at the root of a heap of <paramref name="count"/> entries and moves it down to its place.</summary>
    private static void SiftDown(float[] scores, Span<int> items, int count, float score, int item)
    {
        var at = 0;
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= count) break;
            if (child + 1 < count && Worse(scores[child + 1], items[child + 1], scores[child], items[child])) child++;
            if (!Worse(scores[child], items[child], score, item)) break;
            (scores[at], items[at]) = (scores[child], items[child]);
            at = child;
        }
        (scores[at], items[at]) = (score, item);
    }
}
