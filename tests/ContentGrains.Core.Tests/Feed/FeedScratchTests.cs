using ContentGrains.Core.Candidates;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Live;
using ContentGrains.Core.Ranking;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// The per-thread working collections a feed reuses (<see cref="FeedScratch"/>): handed back empty, not kept when grown
/// past their bounds, and giving the same pool, ranking and feed as new collections.
/// </summary>
public sealed class FeedScratchTests
{
    private static readonly Core.Catalog.CatalogSnapshot Catalog =
        Snapshot([.. Enumerable.Range(0, 600).Select(i => Item($"i{i}", popularity: i % 37, tags: [$"t{i % 5}"], channels: i % 4 == 0 ? ["web"] : i % 4 == 1 ? ["app"] : null,
            publishedHoursAgo: i % 11))]);

    [Fact]
    public void A_thread_gets_its_returned_set_back_empty_and_a_second_taker_gets_a_new_one()
    {
        var first = FeedScratch.Take();
        first.Ranking.Add(new ScoredCandidate(3, 1, 0, 0, "tag", 0, 0));
        first.PoolEntries.Add(3, "i1");
        first.ExcludedSlots.Add(4);
        first.ModelScores.Add(3, 0.5f);
        var whileHeld = FeedScratch.Take();
        FeedScratch.Return(whileHeld);
        FeedScratch.Return(first);

        var again = FeedScratch.Take();

        Assert.NotSame(first, whileHeld);
        Assert.Same(first, again);
        Assert.Empty(again.Ranking);
        Assert.Empty(again.PoolEntries);
        Assert.Empty(again.ExcludedSlots);
        Assert.Empty(again.ModelScores);
        FeedScratch.Return(again);
    }

    [Fact]
    public void A_set_grown_past_a_bound_is_not_kept()
    {
        var bigRanking = FeedScratch.Take();
        bigRanking.Ranking.EnsureCapacity(FeedScratch.MaxKeptRanking + 1);
        FeedScratch.Return(bigRanking);
        Assert.NotSame(bigRanking, FeedScratch.Take());

        var bigPool = FeedScratch.Take();
        bigPool.PoolEntries.EnsureCapacity(FeedScratch.MaxKeptPool + 1);
        FeedScratch.Return(bigPool);
        Assert.NotSame(bigPool, FeedScratch.Take());
    }

    [Fact]
    public void A_pool_in_reused_collections_holds_what_a_new_pool_holds_in_the_same_order()
    {
        var scratch = new FeedScratch();
        var earlier = new CandidatePool(Catalog, new HashSet<string> { "i7", "i8", "i9" }, null, scratch);
        for (var i = 599; i >= 0; i -= 3) earlier.Add(i, i % 2 == 0 ? "i1" : null);

        var excluded = new HashSet<string> { "i5", "i40" };
        var reused = new CandidatePool(Catalog, excluded, "web", scratch);
        var fresh = new CandidatePool(Catalog, excluded, "web");
        foreach (var pool in new[] { reused, fresh })
            foreach (var (entry, because) in new[] { (40, (string?)null), (12, "i3"), (5, null), (8, null), (100, null), (12, null), (9, "i2"), (4, null), (200, "i6") })
                pool.Add(entry, because);

        Assert.Equal(fresh.Entries, reused.Entries);
        Assert.Equal([12, 8, 100, 4, 200], reused.Entries); // 40 and 5 excluded, 9 only on "app", 12 once
        Assert.Equal(["i3", null, null, null, "i6"], reused.Entries.Select(reused.BroughtBy));
        Assert.Equal(fresh.Entries.Select(fresh.BroughtBy), reused.Entries.Select(reused.BroughtBy));
        Assert.False(reused.Allows(13)); // only on "app"
        Assert.True(reused.Allows(7)); // excluded by the earlier pool only: the reused set was emptied
        Assert.True(reused.Allows(24));
    }

    [Fact]
    public void A_pool_and_its_model_scores_in_reused_collections_allocate_no_collection()
    {
        var model = VectorModels.Of([.. Enumerable.Range(0, 600).Select(i => $"i{i}")], VectorModels.Random(600, 16, seed: 3), 16);
        var link = model.LinkTo(Catalog);
        var user = VectorModels.Random(1, 16, seed: 4);
        var excluded = new HashSet<string> { "i1", "i2" };
        var scratch = new FeedScratch();
        Fill(scratch); // the collections grow to their working size once

        var before = GC.GetAllocatedBytesForCurrentThread();
        Fill(scratch);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The pool and the scores objects themselves (under 100 bytes each), and the boxed enumerator of the pool's entries.
        Assert.True(allocated < 400, $"a pool of 600 and its scores in reused collections allocated {allocated:N0} bytes");
        Assert.Equal(598, scratch.ModelScores.Count);

        void Fill(FeedScratch into)
        {
            var pool = new CandidatePool(Catalog, excluded, null, into);
            for (var i = 0; i < 600; i++) pool.Add(i);
            ModelScores.OfCandidates(pool, link, model.Retrieval!.Model, user, into: into.ModelScores);
        }
    }

    [Fact]
    public void Feeds_built_one_after_another_on_one_thread_equal_feeds_built_each_with_new_collections()
    {
        var ids = Enumerable.Range(0, 600).Select(i => $"i{i}").ToArray();
        var model = VectorModels.Of(ids, VectorModels.Random(600, 16, seed: 11), 16);
        var pipeline = new FeedPipeline(new FeedSettings { ModelCandidates = 120, CandidatesPerTag = 40, PopularCandidates = 50, FreshCandidates = 30 });
        var people = Enumerable.Range(0, 12).Select(p => new FeedUser(
            $"u{p}", Interests(($"t{p % 5}", 3), ($"t{(p + 2) % 5}", 1)),
            new HashSet<string>(Enumerable.Range(0, 3 + p).Select(k => $"i{(p * 37 + k * 13) % 600}")),
            [.. Enumerable.Range(0, 3 + p).Select(k => $"i{(p * 37 + k * 13) % 600}")])).ToArray();
        string? ChannelOf(int p) => p % 3 == 0 ? "web" : null;

        var reused = people.Select((u, p) => Render(pipeline.Build(Catalog, model, u, Now, 10, ChannelOf(p)))).ToArray();
        var fresh = people.Select((u, p) => OnNewThread(() => Render(pipeline.Build(Catalog, model, u, Now, 10, ChannelOf(p))))).ToArray();

        Assert.Equal(fresh, reused);
        Assert.All(reused, feed => Assert.Equal(10, feed.Count));
        Assert.True(reused.Distinct(StringListComparer.Instance).Count() > 6, "the people's feeds should differ");
    }

    private static List<string> Render(IReadOnlyList<RankedItem> feed) => [.. feed.Select(r => $"{r.ItemId} {r.Score:R} {r.Reason}")];

    /// <summary>On a thread of its own, whose scratch is new (a thread-static starts empty on every thread).</summary>
    private static T OnNewThread<T>(Func<T> build)
    {
        T result = default!;
        var thread = new Thread(() => result = build());
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "the feed on its own thread did not finish within 30 s");
        return result;
    }

    private sealed class StringListComparer : IEqualityComparer<List<string>>
    {
        public static readonly StringListComparer Instance = new();
        public bool Equals(List<string>? x, List<string>? y) => x!.SequenceEqual(y!);
        public int GetHashCode(List<string> list) => list.Count == 0 ? 0 : list[0].GetHashCode(StringComparison.Ordinal);
    }
}
