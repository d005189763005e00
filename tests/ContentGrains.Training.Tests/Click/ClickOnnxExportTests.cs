using ContentGrains.Core.Click;
using ContentGrains.Training.Click;
using Onnx;

namespace ContentGrains.Training.Tests.Click;

public sealed class ClickOnnxExportTests
{
    private static ClickModelWeights Weights(float firstWeight)
    {
        var features = ClickFeatures.Count;
        var weight = new float[features];
        weight[0] = firstWeight;
        return new ClickModelWeights(new float[features], Enumerable.Repeat(1f, features).ToArray(), [new DenseLayer(features, 1, weight, [0.5f])]);
    }

    [Fact]
    public void The_model_carries_its_version_and_the_graph_the_scorer_expects()
    {
        var model = ModelProto.Parser.ParseFrom(ClickOnnxExport.ToBytes(Weights(1), "v7"));

        Assert.Equal("v7", model.MetadataProps.Single(p => p.Key == ClickOnnxExport.VersionKey).Value);
        Assert.Equal(ClickOnnxExport.InputName, model.Graph.Input.Single().Name);
        Assert.Equal(ClickFeatures.Count, model.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Equal(["Sub", "Mul", "Gemm", "Sigmoid"], model.Graph.Node.Select(n => n.OpType));
    }

    [Fact]
    public void The_content_version_names_the_weights()
    {
        Assert.Equal(ClickOnnxExport.ContentVersion(Weights(1)), ClickOnnxExport.ContentVersion(Weights(1)));
        Assert.NotEqual(ClickOnnxExport.ContentVersion(Weights(1)), ClickOnnxExport.ContentVersion(Weights(2)));
        Assert.Matches("^click-[0-9a-f]{12}$", ClickOnnxExport.ContentVersion(Weights(1)));
    }
}
