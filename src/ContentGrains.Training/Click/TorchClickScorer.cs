using ContentGrains.Core.Click;
using TorchSharp;

namespace ContentGrains.Training.Click;

/// <summary>
/// Scores rows with TorchSharp, straight from <see cref="ClickModelWeights"/>: what training validates with, and the
/// reference the ONNX export is checked against. Silos score with ONNX Runtime instead.
/// </summary>
public sealed class TorchClickScorer : IClickScorer, IDisposable
{
    private readonly ClickModelWeights weights;
    private readonly ClickNetwork network;

    public TorchClickScorer(ClickModelWeights weights, string version)
    {
        weights.Validate();
        this.weights = weights;
        Version = version;
        network = ClickNetwork.From(weights.Layers, torch.CPU);
    }

    public string Version { get; }

    public float[] Score(float[] rows)
    {
        var standardised = FeatureStandardisation.Apply(rows, weights.Mean, weights.Scale);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var input = torch.tensor(standardised, [standardised.Length / weights.FeatureCount, weights.FeatureCount]);
        return torch.sigmoid(network.Logits(input)).data<float>().ToArray();
    }

    public void Dispose() => network.Dispose();
}
