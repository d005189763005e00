using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Live;

namespace ContentGrains.Core.Registry;

/// <summary>
/// NDCG@10 and Recall@10 of a live model on held-out events: each user is scored from their history (the way the
/// feed scores them), their history is excluded, and the held-out item is the one relevant item. An item the model
/// does not know counts as a miss, so models trained on different windows are judged alike.
/// </summary>
public static class HeldOutEvaluator
{
    public const int K = 10;

    public static VersionMetrics Evaluate(LiveModel model, IReadOnlyList<HeldOutEvent> events)
    {
        if (events.Count == 0) return VersionMetrics.None;
        var scores = new float[model.ItemIds.Count];
        var top = new int[K];
        double ndcg = 0, recall = 0;
        foreach (var e in events)
        {
            var history = e.History.Select(model.IndexOf).Where(i => i >= 0).Distinct().ToArray();
            model.Scorer.ScoreHistory(history, scores);
            foreach (var seen in history) scores[seen] = float.NegativeInfinity;
            var target = model.IndexOf(e.ItemId);
            var count = TopK.Select(scores, top);
            var values = RankingMetrics.ForUser(top.AsSpan(0, count), i => i == target, 1, K);
            ndcg += values.Ndcg;
            recall += values.Recall;
        }
        return new VersionMetrics(Math.Round(ndcg / events.Count, 6), Math.Round(recall / events.Count, 6), events.Count);
    }
}
