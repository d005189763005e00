namespace ContentGrains.Training.Click;

/// <summary>One fully connected layer: Weight is Outputs × Inputs, row-major; y = W x + b.</summary>
public sealed record DenseLayer(int Inputs, int Outputs, float[] Weight, float[] Bias);

/// <summary>
/// A trained click model as plain numbers: the input standardisation ((x − Mean) · Scale, per feature of
/// <see cref="Core.Click.ClickFeatures"/>) and the layers, ReLU between them and a sigmoid after the last, which has one
/// output. One layer is logistic regression; two are a small MLP. What the ONNX export and the TorchSharp forward both read.
/// </summary>
public sealed record ClickModelWeights(float[] Mean, float[] Scale, IReadOnlyList<DenseLayer> Layers)
{
    public int FeatureCount => Mean.Length;

    /// <summary>Hidden units (0 for logistic regression).</summary>
    public int Hidden => Layers.Count > 1 ? Layers[0].Outputs : 0;

    /// <summary>Throws when the shapes do not chain from <see cref="FeatureCount"/> inputs to one output.</summary>
    public void Validate()
    {
        if (Scale.Length != Mean.Length) throw new ArgumentException($"Scale has {Scale.Length} values, Mean {Mean.Length}");
        if (Layers.Count == 0) throw new ArgumentException("Layers: a click model needs at least one layer");
        var inputs = FeatureCount;
        for (var i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            if (layer.Inputs != inputs) throw new ArgumentException($"Layers[{i}].Inputs is {layer.Inputs}, expected {inputs}");
            if (layer.Weight.Length != layer.Inputs * layer.Outputs) throw new ArgumentException($"Layers[{i}].Weight has {layer.Weight.Length} values, expected {layer.Inputs * layer.Outputs}");
            if (layer.Bias.Length != layer.Outputs) throw new ArgumentException($"Layers[{i}].Bias has {layer.Bias.Length} values, expected {layer.Outputs}");
            inputs = layer.Outputs;
        }
        if (inputs != 1) throw new ArgumentException($"the last layer has {inputs} outputs, expected 1");
    }
}
