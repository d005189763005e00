using System.Diagnostics;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Models;
using Xunit.Abstractions;

namespace ContentGrains.Core.Tests.Evaluation;

/// <summary>
/// Checks the evaluation against RecBole 1.2.1's published figures on MovieLens-100k (see
/// ../shared/data/README.md). The data is not part of the project: when the split folder is absent these tests
/// fail, saying so.
/// </summary>
[Trait("data", "ml-100k")]
public class Ml100kReferenceTests(ITestOutputHelper output)
{
    private const double Tolerance = 0.003;

    private static GivenSplit LoadSplit() => GivenSplit.Load(SharedData.Ml100kSplit, "ml-100k");

    [Fact]
    public void Split_has_recbole_sizes()
    {
        var split = LoadSplit();

        Assert.Equal(943, split.UserCount);
        Assert.Equal(1682, split.ItemCount);
        Assert.Equal(80_808, split.Train.Count);
        Assert.Equal(9_596, split.Valid.Count);
        Assert.Equal(9_596, split.Test.Count);
    }

    [Fact]
    public void Ease_matches_recbole_on_test()
    {
        var split = LoadSplit();

        var result = FitAndEvaluate(new EaseModel(), split);

        Assert.InRange(result.Metrics.Ndcg, 0.3295 - Tolerance, 0.3295 + Tolerance);
        Assert.InRange(result.Metrics.Recall, 0.2805 - Tolerance, 0.2805 + Tolerance);
        Assert.InRange(result.Metrics.Mrr, 0.5277 - Tolerance, 0.5277 + Tolerance);
        Assert.InRange(result.Metrics.Hit, 0.8197 - Tolerance, 0.8197 + Tolerance);
        Assert.InRange(result.Metrics.Precision, 0.2206 - Tolerance, 0.2206 + Tolerance);
    }

    [Fact]
    public void ItemKnn_matches_recbole_on_test()
    {
        var split = LoadSplit();

        var result = FitAndEvaluate(new ItemKnnModel(), split);

        Assert.InRange(result.Metrics.Ndcg, 0.2834 - Tolerance, 0.2834 + Tolerance);
        Assert.InRange(result.Metrics.Recall, 0.2470 - Tolerance, 0.2470 + Tolerance);
    }

    /// <summary>RecBole's RS 8:1:1 on the raw ml-100k file gives the same part sizes as the given split.</summary>
    [Fact]
    public void Ratio_split_of_the_raw_file_has_recbole_sizes()
    {
        var raw = Path.Combine(Path.GetDirectoryName(SharedData.Ml100kSplit)!, "ml-100k", "ml-100k.inter");
        Assert.True(File.Exists(raw), $"this test needs MovieLens-100k's raw file {raw} beside the split; it is missing");

        var file = AtomicFile.Read(raw);
        foreach (var split in new[] { RandomSplit.Shuffled(file, seed: 2020), RandomSplit.Temporal(file) })
        {
            Assert.Equal((943, 1682), (split.UserCount, split.ItemCount));
            Assert.Equal((80_808, 9_596, 9_596), (split.Train.Count, split.Valid.Count, split.Test.Count));
        }
    }

    /// <summary>Pins the true-count popularity baseline (our own figures, not RecBole's) against regressions.</summary>
    [Fact]
    public void Pop_with_true_counts_keeps_its_measured_figures()
    {
        var split = LoadSplit();

        var result = FitAndEvaluate(new PopularityModel(), split);

        Assert.Equal(943, result.Users);
        Assert.InRange(result.Metrics.Ndcg, 0.1414, 0.1424);
        Assert.InRange(result.Metrics.Recall, 0.1270, 0.1280);
    }

    private EvaluationResult FitAndEvaluate(IRecommenderModel model, GivenSplit split)
    {
        var clock = Stopwatch.StartNew();
        model.Fit(split.Train);
        var fit = clock.Elapsed;
        clock.Restart();
        var result = new FullRankingEvaluator(10).EvaluateTest(model, split);
        output.WriteLine($"{model.GetType().Name}: fit {fit.TotalSeconds:F2} s, evaluate {clock.Elapsed.TotalSeconds:F2} s, {result}");
        return result;
    }
}
