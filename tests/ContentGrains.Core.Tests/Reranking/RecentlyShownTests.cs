using ContentGrains.Core.Ranking;
using ContentGrains.Core.Reranking;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Reranking;

public sealed class RecentlyShownTests
{
    private static readonly ContentGrains.Core.Catalog.CatalogSnapshot Catalog = Snapshot(Item("a"), Item("b"), Item("c"), Item("d"), Item("e"));

    private static List<ScoredCandidate> Ranked(params (int Entry, double Score)[] candidates) =>
        [.. candidates.Select(c => new ScoredCandidate(c.Entry, c.Score, 0, 0, null, 0, 0))];

    [Fact]
    public void Shown_ones_go_behind_in_their_order_with_scores_below_the_lowest_other()
    {
        // Others a 0.9, c 0.7, e 0.5 (floor 0.5); shown b 0.8 (top of the shown), d 0.6:
        // b → 0.5 − 1 − (0.8 − 0.8) = −0.5, d → 0.5 − 1 − (0.8 − 0.6) = −0.7.
        var ranked = Ranked((0, 0.9), (1, 0.8), (2, 0.7), (3, 0.6), (4, 0.5));

        var demoted = RecentlyShown.Demote(ranked, new HashSet<string> { "b", "d" }, Catalog);

        Assert.Equal([(0, 0.9), (2, 0.7), (4, 0.5), (1, -0.5), (3, -0.7)], demoted.Select(c => (c.Entry, Math.Round(c.Score, 9))));
        Assert.Same(ranked, demoted); // in place: no second list of every candidate
    }

    [Fact]
    public void Nothing_moves_when_none_or_all_were_shown()
    {
        var ranked = Ranked((0, 0.9), (1, 0.8), (2, 0.7));

        Assert.Equal([0, 1, 2], RecentlyShown.Demote(ranked, new HashSet<string> { "z" }, Catalog).Select(c => c.Entry));
        Assert.Equal([0.9, 0.8, 0.7], RecentlyShown.Demote(ranked, new HashSet<string> { "a", "b", "c" }, Catalog).Select(c => c.Score));
        Assert.Equal([0, 1, 2], RecentlyShown.Demote(ranked, new HashSet<string>(), Catalog).Select(c => c.Entry));
    }
}
