using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace ContentGrains.Training.Click;

/// <summary>
/// Writes <see cref="ClickModelWeights"/> as an ONNX model (opset 17) with OnnxSharp's protobuf classes:
/// input "features" (N × feature count, float) → Sub mean → Mul scale → Gemm (→ Relu → Gemm) → Sigmoid → output
/// "probability" (N × 1). A model with boosted trees (<see cref="ClickModelWeights.Trees"/>) also sends the raw
/// "features" through an <c>ai.onnx.ml</c> TreeEnsembleRegressor and adds its score to the last Gemm's output before the
/// Sigmoid (<see cref="ClickTreeOnnx"/>): one graph, one input, one output, so the scorers and the artifact checks do not
/// change. The version is stored in the model's metadata so a silo can say what it serves.
/// </summary>
public static class ClickOnnxExport
{
    public const string InputName = "features";
    public const string OutputName = "probability";
    public const string VersionKey = "contentgrains.click.version";

    /// <summary>
    /// A version that names the weights: "click-" and the first 12 hex digits of the SHA-256 of the model exported
    /// without a version, so the same weights always get the same name.
    /// </summary>
    public static string ContentVersion(ClickModelWeights weights) =>
        "click-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ToBytes(weights, "")))[..12];

    public static byte[] ToBytes(ClickModelWeights weights, string version)
    {
        weights.Validate();
        var graph = new GraphProto { Name = "click_model" };
        graph.Input.Add(Value(InputName, "N", weights.FeatureCount));
        graph.Output.Add(Value(OutputName, "N", 1));
        graph.Initializer.Add(Floats("mean", weights.Mean, weights.FeatureCount));
        graph.Initializer.Add(Floats("scale", weights.Scale, weights.FeatureCount));
        graph.Node.Add(Node("Sub", [InputName, "mean"], "centred"));
        graph.Node.Add(Node("Mul", ["centred", "scale"], "standardised"));

        var input = "standardised";
        for (var i = 0; i < weights.Layers.Count; i++)
        {
            var layer = weights.Layers[i];
            graph.Initializer.Add(Floats($"weight{i}", layer.Weight, layer.Outputs, layer.Inputs));
            graph.Initializer.Add(Floats($"bias{i}", layer.Bias, layer.Outputs));
            var gemm = Node("Gemm", [input, $"weight{i}", $"bias{i}"], $"linear{i}");
            gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(gemm);
            input = $"linear{i}";
            if (i == weights.Layers.Count - 1) continue;
            graph.Node.Add(Node("Relu", [input], $"hidden{i}"));
            input = $"hidden{i}";
        }
        if (weights.Trees is { } trees)
        {
            graph.Node.Add(ClickTreeOnnx.Regressor(trees, InputName, "tree_score"));
            graph.Node.Add(Node("Add", [input, "tree_score"], "logit"));
            input = "logit";
        }
        graph.Node.Add(Node("Sigmoid", [input], OutputName));

        var model = new ModelProto { IrVersion = 8, ProducerName = "ContentGrains", ModelVersion = 1, DocString = $"click model {version}", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        if (weights.Trees is not null) model.OpsetImport.Add(new OperatorSetIdProto { Domain = ClickTreeOnnx.Domain, Version = ClickTreeOnnx.DomainVersion });
        model.MetadataProps.Add(new StringStringEntryProto { Key = VersionKey, Value = version });
        return model.ToByteArray();
    }

    private static TensorProto Floats(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    /// <summary>A float tensor's description with a symbolic batch dimension and a fixed width.</summary>
    private static ValueInfoProto Value(string name, string batch, long width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } } };
    }

    internal static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{output}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }
}
