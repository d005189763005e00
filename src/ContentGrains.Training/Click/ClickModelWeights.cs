namespace ContentGrains.Training.Click;

/// <summary>One fully connected layer: Weight is Outputs × Inputs, row-major; y = W x + b.</summary>
public sealed record DenseLayer(int Inputs, int Outputs, float[] Weight, float[] Bias);

/// <summary>
/// A trained click model as plain numbers: the input standardisation ((x − Mean) · Scale, per feature of
/// <see cref="Core.Click.ClickFeatures"/>) and the layers, ReLU between them and a sigmoid after the last, which has one
/// output. One layer is logistic regression; two are a small MLP. With <see cref="Trees"/>, the boosted trees' score
/// (read from the raw, unstandardised row) is added to the last layer's output before the sigmoid. What the ONNX export
/// and the TorchSharp forward both read.
/// </summary>
public sealed record ClickModelWeights(float[] Mean, float[] Scale, IReadOnlyList<DenseLayer> Layers)
{
    /// <summary>Gradient-boosted trees whose score joins the logit (<see cref="Blend"/>), or null for the network alone.</summary>
    public Core.Click.ClickTreeEnsemble? Trees { get; init; }

    /// <summary>
    /// This network blended with <paramref name="trees"/> as <paramref name="blend"/> says, folded into the numbers:
    /// the last layer scaled by 1 − w, the trees' leaves by w · Factor and their base by w · Offset. The result scores
    /// exactly <see cref="Core.Click.ClickBlend.Logit"/> and needs no blending step of its own.
    /// </summary>
    public ClickModelWeights Blend(Core.Click.ClickTreeEnsemble trees, Core.Click.ClickBlend blend)
    {
        if (Trees is not null) throw new InvalidOperationException("this model already has trees");
        var keep = (float)(1 - blend.TreeWeight);
        var last = Layers[^1];
        var scaledLast = last with { Weight = last.Weight.Select(w => w * keep).ToArray(), Bias = last.Bias.Select(b => b * keep).ToArray() };
        return this with
        {
            Layers = [.. Layers.Take(Layers.Count - 1), scaledLast],
            Trees = trees.Scaled(blend.TreeWeight * blend.Factor, blend.TreeWeight * blend.Offset),
        };
    }

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
        Trees?.Validate(FeatureCount);
    }
}
