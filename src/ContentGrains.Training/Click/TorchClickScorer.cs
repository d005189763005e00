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

    public float[] Score(float[] rows) => Logits(rows).Select(l => (float)(1 / (1 + Math.Exp(-l)))).ToArray();

    /// <summary>The model's logit for each row: the network's output plus the trees' score when it has trees.</summary>
    public double[] Logits(float[] rows)
    {
        var standardised = FeatureStandardisation.Apply(rows, weights.Mean, weights.Scale);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var input = torch.tensor(standardised, [standardised.Length / weights.FeatureCount, weights.FeatureCount]);
        var logits = network.Logits(input).data<float>().ToArray().Select(l => (double)l).ToArray();
        if (weights.Trees is not { } trees) return logits;
        var treeScores = trees.Score(rows, weights.FeatureCount);
        for (var i = 0; i < logits.Length; i++) logits[i] += treeScores[i];
        return logits;
    }

    public void Dispose() => network.Dispose();
}
