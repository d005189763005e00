using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Registry;

public sealed class HeldOutEvaluatorTests
{
    [Fact]
    public void Metrics_are_hand_computable_on_a_popularity_model()
    {
        // Popularity: x by 3 people, y by 2, a by 1.
        var events = new[] { ("p1", "x"), ("p2", "x"), ("p3", "x"), ("p1", "y"), ("p2", "y"), ("p3", "a") }
            .Select(e => Event(EventType.Like, e.Item2, userId: e.Item1));
        var (model, _) = LiveModelTrainer.Train("m", 1, T0, events, "pop");

        var metrics = HeldOutEvaluator.Evaluate(model, [
            new HeldOutEvent("q1", "a", ["x"]),   // x excluded: y, a → a at rank 2: NDCG 1/log2(3), recall 1
            new HeldOutEvent("q2", "zzz", ["x"]), // an item the model never saw: a miss
        ]);

        Assert.Equal(2, metrics.HeldOutUsers);
        Assert.Equal(Math.Round(1 / Math.Log2(3) / 2, 6), metrics.Ndcg10);
        Assert.Equal(0.5, metrics.Recall10);
        Assert.Equal(VersionMetrics.None, HeldOutEvaluator.Evaluate(model, []));
    }
}
