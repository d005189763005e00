using ContentGrains.Testing;
using ContentGrains.Core.Click;
using ContentGrains.Training.Click;
using Onnx;

namespace ContentGrains.Training.Tests.Click;

public sealed class ClickBlendTests
{
    // x[tag_match] ≤ 0.5 → −1, else 2; base 0.5.
    private static ClickTreeEnsemble Trees() =>
        new([new ClickTree([-1], [-2], [ClickFeatures.IndexOf("tag_match")], [0.5f], [-1, 2])], Base: 0.5);

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void A_blended_model_scores_the_weighted_mean_of_the_mlp_logit_and_the_scaled_trees(int hidden)
    {
        var data = SyntheticClicks.Impressions(80, seed: 31);
        var mlp = ClickTrainer.Train(data, new ClickModelOptions { Hidden = hidden, Epochs = 1 }, seed: 3).Weights;
        var (rows, _) = ClickRows.Stack(SyntheticClicks.Impressions(20, seed: 32));
        var blend = new ClickBlend(TreeWeight: 0.3, Factor: 0.8, Offset: -2);

        using var alone = new TorchClickScorer(mlp, "mlp");
        using var blended = new TorchClickScorer(mlp.Blend(Trees(), blend), "blend");
        var mlpLogits = alone.Logits(rows);
        var treeScores = Trees().Score(rows, ClickFeatures.Count);
        var logits = blended.Logits(rows);

        for (var r = 0; r < logits.Length; r++)
            Assert.Equal(blend.Logit(mlpLogits[r], treeScores[r]), logits[r], 5);
        Assert.Contains(treeScores, s => s < 0);
        Assert.Contains(treeScores, s => s > 1);
        Assert.Equal(1 / (1 + Math.Exp(-logits[0])), blended.Score(rows)[0], 6);
    }

    [Fact]
    public void The_export_adds_a_tree_ensemble_to_the_logit_and_a_model_blends_only_once()
    {
        var mlp = ClickTrainer.Train(SyntheticClicks.Impressions(40, seed: 33), new ClickModelOptions { Hidden = 4, Epochs = 1 }, seed: 3).Weights;
        var blended = mlp.Blend(Trees(), new ClickBlend(0.5, 1, 0));

        var model = ModelProto.Parser.ParseFrom(ClickOnnxExport.ToBytes(blended, "v1"));

        Assert.Equal(["Sub", "Mul", "Gemm", "Relu", "Gemm", "TreeEnsembleRegressor", "Add", "Sigmoid"], model.Graph.Node.Select(n => n.OpType));
        Assert.Equal("ai.onnx.ml", model.Graph.Node.Single(n => n.OpType == "TreeEnsembleRegressor").Domain);
        Assert.Contains(model.OpsetImport, o => o.Domain == "ai.onnx.ml");
        Assert.NotEqual(ClickOnnxExport.ContentVersion(mlp), ClickOnnxExport.ContentVersion(blended));
        Assert.Throws<InvalidOperationException>(() => blended.Blend(Trees(), new ClickBlend(0.5, 1, 0)));
    }
}
