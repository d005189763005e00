using ContentGrains.Core.Live;
using ContentGrains.Core.Tests.Feed;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Tests.Vectors;

/// <summary>
/// Kept neighbour lists answer exactly as the index's own filtered search (the exact scan here), ties included, and
/// search the index only when the filter leaves fewer than k of an item's list.
/// </summary>
public sealed class NeighbourListsTests
{
    [Fact]
    public void Kept_lists_give_the_exact_filtered_answer_for_any_filter_ties_included()
    {
        const int items = 2_000, d = 16, k = 20;
        var vectors = VectorModels.Random(items, d, seed: 11);
        // Every fifth item copies its predecessor: equal vectors, equal scores, so ties must keep the lower key first.
        for (var i = 5; i < items; i += 5) vectors.AsSpan((i - 1) * d, d).CopyTo(vectors.AsSpan(i * d, d));
        var model = VectorModels.Of(Enumerable.Range(0, items).Select(i => $"i{i}").ToArray(), vectors, d, withIndex: false).Embedding!;
        var exact = new ExactVectorIndex(model.ItemVectors, d);
        var lists = new NeighbourLists(model, exact);
        var random = new Random(3);

        foreach (var refused in new[] { 0.0, 0.5, 0.9, 0.995 })
            for (var q = 0; q < 60; q++)
            {
                var item = random.Next(items);
                var blocked = Enumerable.Range(0, items).Where(_ => random.NextDouble() < refused).ToHashSet();
                bool Allow(int key) => key != item && !blocked.Contains(key);
                var (expected, scores, actual) = (new int[k], new float[k], new int[k]);
                var want = exact.Search(model.ItemVectorOf(item), expected, scores, Allow);

                var got = lists.Search(item, actual, Allow);

                Assert.Equal(expected[..want], actual[..got]);
            }
        Assert.InRange(lists.Kept, 1, 240);
    }

    [Fact]
    public void After_the_first_ask_an_item_is_answered_from_its_list_and_searched_again_only_when_the_filter_empties_it()
    {
        var model = VectorModels.Of(Enumerable.Range(0, 500).Select(i => $"i{i}").ToArray(), VectorModels.Random(500, 8, seed: 5), 8, withIndex: false).Embedding!;
        var index = new CountingIndex(new ExactVectorIndex(model.ItemVectors, 8));
        var lists = new NeighbourLists(model, index);
        var keys = new int[10];

        lists.Search(7, keys, key => key != 7);
        var first = keys.ToArray();
        Assert.Equal((1, 0), (index.Prefixes, index.Searches)); // one list of 4 × 10 made, no filtered search

        Assert.Equal(10, lists.Search(7, keys, key => key != 7 && key != first[0]));
        Assert.Equal(first[1..], keys[..9]);
        Assert.Equal((1, 0), (index.Prefixes, index.Searches)); // answered from the kept list

        // A filter that refuses the whole list: the index's own search answers, with 10 items from beyond the list.
        var beyond = lists.Search(7, keys, key => key % 50 == 0 && key != 7);
        Assert.Equal((1, 1, 10), (index.Prefixes, index.Searches, beyond));
        Assert.All(keys, key => Assert.Equal(0, key % 50));
        Assert.Equal(1, lists.Kept);

        // A section feed asks within the list only: the allowed part of it, and no search however few that is.
        var second = first[1];
        Assert.Equal(1, lists.Search(7, keys, key => key == second, beyondList: false));
        Assert.Equal(second, keys[0]);
        Assert.Equal(0, lists.Search(7, keys, _ => false, beyondList: false));
        Assert.Equal((1, 1), (index.Prefixes, index.Searches)); // still the one search of before
    }

    [Fact]
    public void A_list_holding_every_item_answers_short_without_searching_and_another_k_searches_as_before()
    {
        var model = VectorModels.Of(["a", "b", "c", "d", "e", "f"], [1, 0, 0.875f, 0.125f, 0, 1, 0.125f, 0.875f, -1, 0, 0.75f, 0.75f], 2, withIndex: false).Embedding!;
        var index = new CountingIndex(new ExactVectorIndex(model.ItemVectors, 2));
        var lists = new NeighbourLists(model, index);
        var keys = new int[3];

        // a's order: a 1, b 0.875, f 0.75, d 0.125, c 0, e −1; only d and e allowed: 2 of 3, and the list is the whole index.
        Assert.Equal(2, lists.Search(0, keys, key => key is 3 or 4));
        Assert.Equal([3, 4], keys[..2]);
        Assert.Equal((1, 0), (index.Prefixes, index.Searches));

        Assert.Equal(2, lists.Search(0, new int[2], key => key != 0)); // lists are kept for k = 3 only: k = 2 searches
        Assert.Equal((1, 1), (index.Prefixes, index.Searches));
    }

    [Fact]
    public void Lists_made_at_load_answer_every_item_as_the_index_does_without_asking_it_again()
    {
        const int items = 500, k = 10;
        var model = VectorModels.Of(Enumerable.Range(0, items).Select(i => $"i{i}").ToArray(), VectorModels.Random(items, 8, seed: 21), 8, withIndex: false).Embedding!;
        var exact = new ExactVectorIndex(model.ItemVectors, 8);
        var index = new CountingIndex(exact);
        var lists = new NeighbourLists(model, index);

        Assert.Equal(100, lists.Prepare(k, 100, threads: 1)); // the first 100 items only
        Assert.Equal((100, 0), (index.Prefixes, index.Searches));
        Assert.Equal(items - 100, lists.Prepare(k, 10_000, threads: 1)); // the rest, never more than the index holds
        Assert.Equal((items, 0), (index.Prefixes, index.Searches));
        Assert.Equal(0, lists.Prepare(k, items, threads: 1)); // nothing left to make
        Assert.Equal(0, lists.Prepare(5, items, threads: 1)); // lists are for k = 10 now: another k makes none

        var random = new Random(4);
        for (var q = 0; q < 100; q++)
        {
            var item = random.Next(items);
            var blocked = Enumerable.Range(0, items).Where(_ => random.NextDouble() < 0.3).ToHashSet();
            bool Allow(int key) => key != item && !blocked.Contains(key);
            var (expected, scores, actual) = (new int[k], new float[k], new int[k]);
            var want = exact.Search(model.ItemVectorOf(item), expected, scores, Allow);
            Assert.Equal(expected[..want], actual[..lists.Search(item, actual, Allow)]);
        }
        Assert.Equal(items, index.Prefixes); // no ask made a list: all were made at load
        Assert.Equal(items, lists.Kept);
    }

    [Fact]
    public void Lists_made_on_several_threads_are_each_made_once()
    {
        const int items = 3_000;
        var model = VectorModels.Of(Enumerable.Range(0, items).Select(i => $"i{i}").ToArray(), VectorModels.Random(items, 8, seed: 8), 8, withIndex: false).Embedding!;
        var lists = new NeighbourLists(model, new ExactVectorIndex(model.ItemVectors, 8));

        Assert.Equal(items, lists.Prepare(20, items, threads: 4));
        Assert.Equal(items, lists.Kept);
    }

    /// <summary>The exact index, counting its filtered searches and the prefixes handed out.</summary>
    private sealed class CountingIndex(ExactVectorIndex inner) : IVectorIndex, IRankedPrefix
    {
        public int Searches { get; private set; }
        public int Prefixes { get; private set; }
        public int Count => inner.Count;
        public int Dimensions => inner.Dimensions;

        public int Search(ReadOnlySpan<float> query, Span<int> keys, Span<float> scores, Func<int, bool>? allow = null)
        {
            Searches++;
            return inner.Search(query, keys, scores, allow);
        }

        public int PrefixLength(int k) => inner.PrefixLength(k);

        public int RankedPrefix(ReadOnlySpan<float> query, int k, Span<int> keys, out bool complete)
        {
            Prefixes++;
            return inner.RankedPrefix(query, k, keys, out complete);
        }
    }
}
