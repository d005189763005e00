using ContentGrains.Core.Evaluation;

namespace ContentGrains.Core.Tests.Evaluation;

/// <summary>Discounts used below: 1/log2(2) = 1, 1/log2(3) = 0.630930, 1/log2(4) = 0.5, 1/log2(6) = 0.386853.</summary>
public class RankingMetricsTests
{
    private const int Precision = 6;

    [Fact]
    public void Two_hits_among_three_relevant_at_five()
    {
        // Ranked 5,3,8,1,9; relevant {3,9,7}: hits at ranks 2 and 5.
        // Recall = 2/3; Precision = 2/5; MRR = 1/2; Hit = 1.
        // DCG = 1/log2(3) + 1/log2(6) = 0.630930 + 0.386853 = 1.017783
        // IDCG over min(3, 5) = 3 ranks = 1 + 0.630930 + 0.5 = 2.130930; NDCG = 1.017783 / 2.130930 = 0.477624
        var m = RankingMetrics.ForUser([5, 3, 8, 1, 9], new HashSet<int> { 3, 9, 7 }, k: 5);

        Assert.Equal(2.0 / 3, m.Recall, Precision);
        Assert.Equal(0.4, m.Precision, Precision);
        Assert.Equal(0.5, m.Mrr, Precision);
        Assert.Equal(1.0, m.Hit);
        Assert.Equal(0.477624, m.Ndcg, Precision);
    }

    [Fact]
    public void Ideal_dcg_stops_at_k_when_there_are_more_relevant_items_than_k()
    {
        // Ranked 1,2,3 all relevant, 5 relevant in total, K = 3: DCG = IDCG (IDCG over min(5, 3) = 3 ranks), NDCG = 1.
        // Recall = 3/5 = 0.6; Precision = 3/3 = 1; MRR = 1/1.
        var m = RankingMetrics.ForUser([1, 2, 3], new HashSet<int> { 1, 2, 3, 4, 5 }, k: 3);

        Assert.Equal(new MetricValues(Recall: 0.6, Mrr: 1, Ndcg: 1, Hit: 1, Precision: 1), Round(m));
    }

    [Fact]
    public void Only_the_first_k_count()
    {
        // K = 1: only item 4 counts, and it is not relevant; the hit at rank 2 is beyond the cut-off.
        var m = RankingMetrics.ForUser([4, 1], new HashSet<int> { 1 }, k: 1);

        Assert.Equal(default, m);
    }

    [Fact]
    public void Precision_divides_by_k_even_for_a_short_list()
    {
        // One item ranked, and it is the only relevant one, K = 10: Recall 1, NDCG 1/1 = 1, Precision 1/10.
        var m = RankingMetrics.ForUser([2], new HashSet<int> { 2 }, k: 10);

        Assert.Equal(new MetricValues(Recall: 1, Mrr: 1, Ndcg: 1, Hit: 1, Precision: 0.1), Round(m));
    }

    [Fact]
    public void Single_hit_at_rank_three()
    {
        // Relevant {7, 8}, hit only at rank 3: MRR = 1/3; DCG = 1/log2(4) = 0.5; IDCG = 1 + 0.630930 = 1.630930;
        // NDCG = 0.5 / 1.630930 = 0.306574; Recall = 1/2; Precision = 1/4.
        var m = RankingMetrics.ForUser([1, 2, 7, 3], new HashSet<int> { 7, 8 }, k: 4);

        Assert.Equal(1.0 / 3, m.Mrr, Precision);
        Assert.Equal(0.306574, m.Ndcg, Precision);
        Assert.Equal(0.5, m.Recall, Precision);
        Assert.Equal(0.25, m.Precision, Precision);
    }

    [Fact]
    public void Rejects_users_without_relevant_items()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.ForUser([1], new HashSet<int>(), k: 1));
    }

    private static MetricValues Round(MetricValues m) => new(
        Math.Round(m.Recall, Precision), Math.Round(m.Mrr, Precision), Math.Round(m.Ndcg, Precision),
        Math.Round(m.Hit, Precision), Math.Round(m.Precision, Precision));
}
