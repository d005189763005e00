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
