using ContentGrains.Analysis.Click;
using ContentGrains.Core.Click;
using ContentGrains.Core.Click.Mind;
using ContentGrains.Inference.Click;
using ContentGrains.Testing;
using ContentGrains.Training.Click;

namespace ContentGrains.Inference.Tests.Click;

public sealed class OnnxClickScorerTests
{
    /// <summary>Feature rows of the real MIND impressions (../shared/data/mind-news-sample), built once.</summary>
    private static readonly Lazy<List<ClickImpression>> Mind = new(() =>
    {
        var folder = RepositoryPaths.RequireSharedData("mind-news-sample", "behaviors.tsv");
        return new MindFeatureBuilder().Build(MindReader.ReadBehaviors(Path.Combine(folder, "behaviors.tsv")));
    });

    [Theory]
    [InlineData(0, 1)]
    [InlineData(16, 1)]
    [InlineData(16, 3)] // a merged ensemble is one wider MLP
    public void Onnx_runtime_scores_real_rows_as_torchsharp_does(int hidden, int members)
    {
        var impressions = Mind.Value;
        var fitted = ClickTrainer.Train(impressions.Take(400).ToList(), new ClickModelOptions { Hidden = hidden, Epochs = 1, Members = members }, seed: 5);
        using var torch = new TorchClickScorer(fitted.Weights, "v1");
        using var onnx = new OnnxClickScorer(ClickOnnxExport.ToBytes(fitted.Weights, "v1"), "v1");
        var (rows, _) = ClickRows.Stack(impressions.TakeLast(200).ToList());

        var expected = torch.Score(rows);
        var actual = onnx.Score(rows);

        Assert.Equal(rows.Length / ClickFeatures.Count, actual.Length);
        Assert.True(expected.Length > 5000, $"{expected.Length} rows compared");
        var largest = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(largest < 1e-5, $"largest difference {largest}");
        Assert.True(expected.Max() - expected.Min() > 0.01, "the model scores differ between candidates, so the comparison means something");
    }

    [Theory]
    [InlineData(ClickTreeObjective.Binary, 1.0)]     // the trees alone (the network's logit weighted 0)
    [InlineData(ClickTreeObjective.LambdaRank, 0.4)] // a blend, as evaluate --format mind ships it
    public void Onnx_runtime_scores_a_model_with_lightgbm_trees_as_lightgbm_and_torchsharp_do(ClickTreeObjective objective, double treeWeight)
    {
        var impressions = Mind.Value;
        var train = impressions.Take(400).ToList();
        var mlp = ClickTrainer.Train(train, new ClickModelOptions { Hidden = 16, Epochs = 1 }, seed: 5).Weights;
        var lightgbm = LightGbmClickTrainer.Fit(train, new LightGbmClickOptions(objective, Trees: 200, Leaves: 31, LearningRate: 0.1, MinRowsInLeaf: 20));
        var (trainRows, _) = ClickRows.Stack(train);
        using var torch = new TorchClickScorer(mlp, "mlp");
        var blend = ClickBlend.Standardised(torch.Logits(trainRows), lightgbm.Trees.Score(trainRows, ClickFeatures.Count), treeWeight);
        var blended = mlp.Blend(lightgbm.Trees, blend);
        using var onnx = new OnnxClickScorer(ClickOnnxExport.ToBytes(blended, "v1"), "v1");
        var (rows, _) = ClickRows.Stack(impressions.TakeLast(200).ToList());

        // LightGBM's own raw scores (ML.NET's booster), blended by hand with the network's logit.
        var mlpLogits = torch.Logits(rows);
        var treeScores = lightgbm.Score(rows);
        var expected = mlpLogits.Select((l, i) => 1 / (1 + Math.Exp(-blend.Logit(l, treeScores[i])))).ToArray();
        var actual = onnx.Score(rows);

        Assert.True(expected.Length > 5000, $"{expected.Length} rows compared");
        var largest = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(largest < 1e-5, $"largest difference from LightGBM {largest}");
        using var blendedTorch = new TorchClickScorer(blended, "v1");
        var largestFromTorch = blendedTorch.Score(rows).Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(largestFromTorch < 1e-5, $"largest difference from TorchSharp {largestFromTorch}");
        Assert.True(treeScores.Max() - treeScores.Min() > 0.5, "the trees score candidates differently, so the comparison means something");
    }

    [Fact]
    public void Scores_an_empty_batch_and_refuses_a_partial_row()
    {
        using var scorer = new OnnxClickScorer(ClickOnnxExport.ToBytes(Logistic(ClickFeatures.Count), "v2"), "v2");

        Assert.Equal("v2", scorer.Version);
        Assert.Empty(scorer.Score([]));
        Assert.Contains("whole number", Assert.Throws<ArgumentException>(() => scorer.Score(new float[ClickFeatures.Count + 1])).Message);
    }

    [Fact]
    public void A_logistic_model_computes_the_sigmoid_of_the_standardised_row()
    {
        // weight 2 on the first feature, bias −1, mean 0.5, scale 4: p = σ(2 · (x − 0.5) · 4 − 1).
        var weights = Logistic(ClickFeatures.Count);
        weights.Layers[0].Weight[0] = 2;
        weights.Layers[0].Bias[0] = -1;
        weights.Mean[0] = 0.5f;
        weights.Scale[0] = 4;
        using var scorer = new OnnxClickScorer(ClickOnnxExport.ToBytes(weights, "v3"), "v3");
        var row = new float[ClickFeatures.Count];
        row[0] = 1;

        Assert.Equal(1 / (1 + Math.Exp(-3)), scorer.Score(row)[0], 6);
    }

    [Fact]
    public void Refuses_a_model_of_another_row_shape_or_corrupt_bytes()
    {
        var otherShape = Assert.Throws<InvalidDataException>(() => new OnnxClickScorer(ClickOnnxExport.ToBytes(Logistic(3), "old"), "old"));
        Assert.Contains($"expected [N, {ClickFeatures.Count}]", otherShape.Message);

        var bytes = ClickOnnxExport.ToBytes(Logistic(ClickFeatures.Count), "v4");
        var corrupt = bytes[..(bytes.Length / 2)];
        Assert.Contains("not a loadable ONNX model", Assert.Throws<InvalidDataException>(() => new OnnxClickScorer(corrupt, "v4")).Message);
    }

    private static ClickModelWeights Logistic(int features) => new(new float[features], Enumerable.Repeat(1f, features).ToArray(),
        [new DenseLayer(features, 1, new float[features], [0f])]);
}
