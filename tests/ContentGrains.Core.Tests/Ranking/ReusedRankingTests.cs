using ContentGrains.Core.Candidates;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Ranking;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Ranking;

public sealed class ReusedRankingTests
{
    [Fact]
    public void A_thread_gets_its_returned_list_back_empty_and_a_second_taker_gets_a_new_one()
    {
        var first = ReusedRanking.Take();
        first.Add(new ScoredCandidate(3, 1, 0, 0, "tag", 0, 0));
        var whileHeld = ReusedRanking.Take();
        ReusedRanking.Return(whileHeld);
        ReusedRanking.Return(first);

        var again = ReusedRanking.Take();

        Assert.NotSame(first, whileHeld);
        Assert.Same(first, again);
        Assert.Empty(again);
        ReusedRanking.Return(again);
    }

    [Fact]
    public void A_list_grown_past_the_bound_is_not_kept()
    {
        var big = ReusedRanking.Take();
        big.EnsureCapacity(ReusedRanking.MaxKeptCapacity + 1);
        ReusedRanking.Return(big);

        Assert.NotSame(big, ReusedRanking.Take());
    }

    [Fact]
    public void Ranking_into_a_reused_list_gives_the_same_ranking_without_a_new_list()
    {
        var catalog = Snapshot([.. Enumerable.Range(0, 600).Select(i => Item($"i{i}", popularity: i % 37, tags: [$"t{i % 5}"]))]);
        var pool = new CandidatePool(catalog, new HashSet<string>(), null);
        for (var i = 0; i < 600; i++) pool.Add(i);
        var ranker = new CandidateRanker(new FeedSettings { InterestWeight = 1, PopularityWeight = 0.5 });
        var interests = Interests(("t1", 3), ("t3", -1));
        var fresh = ranker.Rank(pool, catalog, null, interests, Now);
        var reused = new List<ScoredCandidate>(600);
        ranker.Rank(pool, catalog, null, interests, Now, into: reused); // the JIT and the first use

        var before = GC.GetAllocatedBytesForCurrentThread();
        var again = ranker.Rank(pool, catalog, null, interests, Now, into: reused);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(reused, again);
        Assert.Equal(fresh, again);
        // A new list of 600 would be 48,000 bytes (80 each); what is left is the interests' dictionary and the sort's comparison.
        Assert.True(allocated < 8_000, $"ranking into the reused list allocated {allocated:N0} bytes");
    }
}
