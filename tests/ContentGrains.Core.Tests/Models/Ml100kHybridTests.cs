using System.Diagnostics;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;
using Xunit.Abstractions;

namespace ContentGrains.Core.Tests.Models;

/// <summary>
/// The hybrid on RecBole's given ml-100k split must beat RecBole's best model there, EASE (test NDCG@10 0.3295,
/// Recall@10 0.2805). The data is not part of the project: without ../shared/data/ml-100k-split this fails, saying so.
/// </summary>
[Trait("data", "ml-100k")]
public class Ml100kHybridTests(ITestOutputHelper output)
{
    [Fact]
    public void Hybrid_beats_recbole_ease_on_test()
    {
        var folder = SharedData.Ml100kSplit;

        var split = GivenSplit.Load(folder, "ml-100k");
        var model = new HybridModel(ModelContext.Of(split, AtomicFile.Read(Path.Combine(folder, "ml-100k.item"))));
        var clock = Stopwatch.StartNew();
        model.Fit(split.Train);
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var test = new FullRankingEvaluator(10).EvaluateTest(model, split);
        output.WriteLine($"hybrid: fit {fitSeconds:F1} s, test {test}");

        Assert.True(test.Metrics.Ndcg >= 0.335, $"NDCG@10 {test.Metrics.Ndcg:F4}");
        Assert.True(test.Metrics.Recall > 0.2805, $"Recall@10 {test.Metrics.Recall:F4}");
    }
}
