using ContentGrains.Core.Catalog;
using ContentGrains.Core.Ranking;
using ContentGrains.Core.Reranking;
using ContentGrains.Core.Tests.Feed;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Reranking;

public class MmrRerankerTests
{
    // Entries 0..3: A {x, y}, B {x, y, v} (a near-duplicate of A), C {z}, D {w}; ranking scores 1, 0.9, 0.8, 0.
    private static readonly CatalogSnapshot Four = Snapshot(
        Item("A", tags: ["x", "y"]), Item("B", tags: ["x", "y", "v"]), Item("C", tags: ["z"]), Item("D", tags: ["w"]));

    private static readonly ScoredCandidate[] Ranked = [Scored(0, 1.0), Scored(1, 0.9), Scored(2, 0.8), Scored(3, 0.0)];

    private static ScoredCandidate Scored(int entry, double score) => new(entry, score, 0, 0, null, 0, 0);

    private static string[] Order(double lambda, int count = 4) =>
        MmrReranker.Select(Ranked, count, lambda, Four, null, null).Select(c => Four.Entries[c.Entry].ItemId).ToArray();

    [Fact]
    public void Lambda_zero_keeps_the_ranking_order()
    {
        Assert.Equal(["A", "B", "C", "D"], Order(0));
        Assert.Equal(["A", "B"], Order(0, count: 2));
    }

    [Fact]
    public void Lambda_half_moves_the_near_duplicate_below_a_different_item()
    {
        // Relevance (score scaled over the pool): A 1, B 0.9, C 0.8, D 0. Value = 0.5 · relevance − 0.5 · max similarity.
        // 1st: A 0.5, B 0.45, C 0.4, D 0 → A. Jaccard with A: B 2/3, C 0, D 0.
        // 2nd: B 0.45 − 0.333333 = 0.116667, C 0.4, D 0 → C. Jaccard with C: B 0, D 0 (B keeps 2/3).
        // 3rd: B 0.116667, D 0 → B. 4th: D.
        Assert.Equal(["A", "C", "B", "D"], Order(0.5));
    }

    [Fact]
    public void The_default_lambda_is_too_mild_to_move_this_near_duplicate()
    {
        // λ = 0.1, 2nd pick: B 0.9 · 0.9 − 0.1 · 2/3 = 0.743333 beats C 0.9 · 0.8 = 0.72.
        Assert.Equal(["A", "B", "C", "D"], Order(0.1));
    }

    [Fact]
    public void Selection_keeps_the_candidates_scores()
    {
        var chosen = MmrReranker.Select(Ranked, 3, 0.5, Four, null, null);

        Assert.Equal([1.0, 0.8, 0.9], chosen.Select(c => c.Score));
    }

    [Fact]
    public void Count_beyond_the_candidates_returns_them_all()
    {
        Assert.Equal(4, Order(0.5, count: 10).Length);
        Assert.Empty(MmrReranker.Select([], 5, 0.5, Four, null, null));
    }

    [Theory]
    [InlineData(new[] { "x", "y" }, new[] { "x", "y", "v" }, 2.0 / 3)]
    [InlineData(new[] { "x", "y" }, new[] { "y", "x" }, 1.0)]
    [InlineData(new[] { "a", "b", "c" }, new[] { "b", "c", "d" }, 0.5)]
    [InlineData(new[] { "x" }, new[] { "y" }, 0.0)]
    [InlineData(new string[0], new[] { "y" }, 0.0)]
    [InlineData(new string[0], new string[0], 0.0)]
    [InlineData(new[] { "X" }, new[] { "x" }, 0.0)] // tags are stored lower-case; the comparison is ordinal
    public void Tag_jaccard_is_shared_over_all_tags(string[] a, string[] b, double expected)
    {
        Assert.Equal(expected, MmrReranker.TagJaccard(a, b), 12);
        Assert.Equal(expected, MmrReranker.TagJaccard(b, a), 12);
    }

    [Fact]
    public void Similarity_is_the_larger_of_tag_jaccard_and_the_models_cosine()
    {
        var model = TwoClusters.Model();
        var catalog = TwoClusters.Catalog(); // a 0, b 1, c 2, ..., n 6
        var link = model.LinkTo(catalog);

        Assert.Equal(1, MmrReranker.Similarity(0, 1, catalog, model, link), 12);                 // a, b: same tags (1) > cosine
        Assert.Equal(TwoClusters.Cosine, MmrReranker.Similarity(1, 2, catalog, model, link), 5); // b, c: Jaccard 1/2 < cosine
        Assert.Equal(0.5, MmrReranker.Similarity(1, 2, catalog, null, null), 12);                // without a model: Jaccard only
        Assert.Equal(0.5, MmrReranker.Similarity(0, 6, catalog, model, link), 12);               // n unknown to the model: Jaccard
        Assert.Equal(0, MmrReranker.Similarity(0, 3, catalog, model, link));                     // a, d: nothing shared
    }
}
